/**
 * The built-in resolvers of OmegaConf 2.3 (`oc.env`, `oc.select`, `oc.decode`, `oc.create`,
 * `oc.deprecated`, `oc.dict.keys`, `oc.dict.values`) and Hydra's `now` and `hydra`, with the
 * argument checks and results of `omegaconf/resolvers/oc/*.py` and `hydra/core/utils.py`.
 * They are registered exactly like user resolvers, in the registry every other one falls back to.
 */
import { TydraError } from '../../errors.js';
import { strftime } from '../../python/strftime.js';
import { scalarStr } from '../../python/str.js';
import { ConfigKeyError, MissingMandatoryValueError, formatKeyPath } from '../errors.js';
import { parseElement } from '../interpolation/parse.js';
import { loadYamlString } from '../load.js';
import { DictNode, ListNode, type Node, ValueNode, cloneNode, isMissing } from '../nodes.js';
import { nodeRepr } from '../repr.js';
import { type BuiltinCall, type LocatedNode, ResolverRegistry } from './registry.js';

/** Python's `type(x).__name__` of an argument, for messages. */
function typeName(node: Node): string {
  if (node.kind === 'dict') return 'DictConfig';
  if (node.kind === 'list') return 'ListConfig';
  return { null: 'NoneType', bool: 'bool', int: 'int', float: 'float', str: 'str' }[node.type];
}

/** How a value is shown in messages: Python `str()`. */
function shown(node: Node): string {
  return node.kind === 'value' ? scalarStr(node.type, node.value) : nodeRepr(node);
}

/** Check the number of arguments: `params` are the names, the first `required` are mandatory. */
function arity(call: BuiltinCall, resolver: string, params: string[], required = params.length): void {
  const n = call.args.length;
  if (n >= required && n <= params.length) return;
  const sig = `${resolver}:${params.map((p, i) => (i < required ? p : `[${p}]`)).join(',')}`;
  if (n < required) {
    const missing = params.slice(n, required).map((p) => `'${p}'`);
    throw new TydraError(`\`${resolver}\` is missing ${missing.length === 1 ? 'the argument' : 'the arguments'} ${missing.join(' and ')} (usage: \${${sig}})`);
  }
  const range = required === params.length ? `${required}` : `${required} to ${params.length}`;
  throw new TydraError(`\`${resolver}\` takes ${range} argument${params.length === 1 ? '' : 's'} but ${n} were given (usage: \${${sig}})`);
}

function isStr(node: Node | undefined): node is ValueNode {
  return node !== undefined && node.kind === 'value' && node.type === 'str';
}

/** `${oc.env:NAME[,default]}`: the default is `str()`-converted unless it is null. */
function env(call: BuiltinCall): Node {
  arity(call, 'oc.env', ['key', 'default'], 1);
  const [key, dflt] = call.args as [Node, Node | undefined];
  if (!isStr(key)) throw new TydraError(`\`oc.env\` needs a variable name (a string), got \`${shown(key)}\` of type ${typeName(key)}`);
  const value = call.context.env[key.value as string];
  if (value !== undefined) return new ValueNode('str', value);
  if (dflt === undefined) throw new TydraError(`Environment variable '${key.value}' not found`);
  if (dflt.kind === 'value' && dflt.type === 'null') return dflt;
  return new ValueNode('str', shown(dflt));
}

/** `${oc.select:key[,default]}`: like a node interpolation, but absent keys and `???` give the default. */
function select(call: BuiltinCall): unknown {
  arity(call, 'oc.select', ['key', 'default'], 1);
  const [key, dflt] = call.args as [Node, Node | undefined];
  if (!isStr(key)) throw new TydraError(`\`oc.select\` needs a key (a string), got \`${shown(key)}\` of type ${typeName(key)}`);
  const hit = call.selectNode(key.value as string);
  // A `???` counts as absent even when a resolver returned it (OmegaConf.select checks the result).
  if (hit && !isMissing(hit.node)) return hit;
  return dflt ?? new ValueNode('null', null);
}

/** `${oc.decode:text}`: parse a string with the grammar's element rule, resolving interpolations in it. */
function decode(call: BuiltinCall): unknown {
  arity(call, 'oc.decode', ['expr']);
  const a = call.args[0] as Node;
  if (a.kind === 'value' && a.type === 'null') return a;
  if (!isStr(a)) throw new TydraError(`\`oc.decode\` can only take strings or None as input, but \`${shown(a)}\` is of type ${typeName(a)}`);
  return call.evaluate(parseElement(a.value as string));
}

/** `${oc.create:obj}`: a config node from a dict, a list or a YAML string (relative keys resolve where it lives). */
function create(call: BuiltinCall): Node {
  arity(call, 'oc.create', ['obj']);
  const a = call.args[0] as Node;
  if (a.kind === 'dict' || a.kind === 'list') {
    // A config cannot hold a `null` key (OmegaConf: KeyValidationError); other resolvers may
    // return such a dict as plain data (`${oc.decode:'{null: 1}'}`).
    if (hasNullKey(a)) throw new TydraError("`oc.create` cannot create a config with a null key: Incompatible key type 'NoneType'");
    return cloneNode(a);
  }
  if (a.type === 'null') return a;
  if (a.type !== 'str') throw new TydraError(`\`oc.create\` cannot create a config from \`${shown(a)}\`: object of unsupported type '${typeName(a)}'`);
  const loaded = loadYamlString(a.value as string, 'oc.create');
  if (loaded === undefined || (loaded.kind === 'value' && loaded.type === 'null')) return new DictNode();
  if (loaded.kind !== 'value') return loaded;
  // As OmegaConf.create: a YAML string that is a single word becomes `{word: None}`.
  if (loaded.type === 'str') return new DictNode(new Map([[loaded.value as string, new ValueNode('null', null)]]));
  throw new TydraError(`\`oc.create\` needs a YAML mapping or sequence, got the ${typeName(loaded)} \`${shown(loaded)}\``);
}

function hasNullKey(node: Node): boolean {
  if (node.kind === 'value') return false;
  if (node.kind === 'list') return node.items.some(hasNullKey);
  for (const kt of node.keyTypes?.values() ?? []) if (kt === 'null') return true;
  for (const v of node.entries.values()) if (hasNullKey(v)) return true;
  return false;
}

/** Python's `string.Template(template).safe_substitute(values)`: `$name`, `${name}`, `$$`. */
function safeSubstitute(template: string, values: Record<string, string>): string {
  return template.replace(/\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\})/g, (m, dollar, name, braced) => {
    if (dollar) return '$';
    const v = values[(name ?? braced) as string];
    return v === undefined ? m : v;
  });
}

/** `${oc.deprecated:new_key[,message]}`: warn, then return the value of the new key. */
function deprecated(call: BuiltinCall): unknown {
  arity(call, 'oc.deprecated', ['key', 'message'], 1);
  const [key, message] = call.args as [Node, Node | undefined];
  if (!isStr(key)) throw new TydraError(`oc.deprecated: interpolation key type is not a string (${typeName(key)})`);
  if (message !== undefined && !isStr(message)) throw new TydraError(`oc.deprecated: interpolation message type is not a string (${typeName(message)})`);
  const template = message ? (message.value as string) : "'$OLD_KEY' is deprecated. Change your code and config to use '$NEW_KEY'";
  const hit = call.selectNode(key.value as string);
  if (!hit) throw new ConfigKeyError(`In oc.deprecated resolver at '${call.context.key}': Key not found: '${key.value}'`);
  call.warn(safeSubstitute(template, { OLD_KEY: call.context.key, NEW_KEY: formatKeyPath(hit.path) }));
  return hit;
}

function dictInput(call: BuiltinCall, resolver: string): { dict: DictNode; loc: LocatedNode; key: string } {
  arity(call, resolver, ['key']);
  const key = call.args[0] as Node;
  if (!isStr(key)) throw new TydraError(`\`${resolver}\` requires a string as input, but obtained \`${shown(key)}\` of type: ${typeName(key)}`);
  const hit = call.selectNode(key.value as string, { throwOnMissing: true });
  // A `???` a resolver returned is absent to OmegaConf.select, so "not found" rather than missing.
  if (!hit || (hit.final === true && isMissing(hit.node))) throw new ConfigKeyError(`Key not found: '${key.value}'`);
  if (isMissing(hit.node)) throw new MissingMandatoryValueError(`Missing mandatory value: ${formatKeyPath(hit.path)}`);
  // A dict or list returned by a resolver (`final`) is plain Python data in OmegaConf, not a
  // DictConfig, and oc.dict.* refuse it (oc.create turns it into a config first).
  const plain = hit.final === true && hit.node.kind !== 'value';
  if (hit.node.kind !== 'dict' || plain) {
    const type = plain ? hit.node.kind : typeName(hit.node);
    throw new TydraError(`\`${resolver}\` cannot be applied to objects of type: ${type}`);
  }
  return { dict: hit.node, loc: hit, key: key.value as string };
}

/** A dict key as a node of its YAML type (`1:` is an int key). */
function keyNode(dict: DictNode, key: string): ValueNode {
  switch (dict.keyTypes?.get(key)) {
    case 'int':
      return new ValueNode('int', /^[+-]?\d{16,}$/.test(key) ? BigInt(key) : Number(key));
    case 'float':
      return new ValueNode('float', key === 'inf' ? Number.POSITIVE_INFINITY : key === '-inf' ? Number.NEGATIVE_INFINITY : Number(key));
    case 'bool':
      return new ValueNode('bool', key === 'true');
    case 'null':
      return new ValueNode('null', null);
    default:
      return new ValueNode('str', key);
  }
}

/** `${oc.dict.keys:key}`: the keys of a dict, as a list. */
function dictKeys(call: BuiltinCall): Node {
  const { dict } = dictInput(call, 'oc.dict.keys');
  return new ListNode([...dict.entries.keys()].map((k) => keyNode(dict, k)));
}

/** `${oc.dict.values:key}`: the values of a dict, as a list of live interpolations to them. */
function dictValues(call: BuiltinCall): Node {
  const { dict, key } = dictInput(call, 'oc.dict.values');
  // Each item is an interpolation to the dict's entry. A relative key gets one more dot because
  // the items sit one level deeper, inside the returned list.
  const ref = key.startsWith('.') ? `.${key}` : key;
  return new ListNode([...dict.entries.keys()].map((k) => new ValueNode('str', `\${${ref}.${shown(keyNode(dict, k))}}`)));
}

/** Hydra's `${now:pattern}`: the frozen time of the run, formatted with Python's strftime. */
function now(call: BuiltinCall): Node {
  arity(call, 'now', ['pattern']);
  const pattern = call.args[0] as Node;
  if (!isStr(pattern)) throw new TydraError(`\`now\` needs a strftime pattern (a string), got \`${shown(pattern)}\` of type ${typeName(pattern)}`);
  return new ValueNode('str', strftime(pattern.value as string, call.context.now));
}

/**
 * Fields of Hydra's HydraConf typed `str`: a value read through them is a string, even when it
 * comes from an interpolation to an int (`sweep.subdir: ${hydra.job.num}` reads as "0").
 */
const HYDRA_STR_FIELDS = new Set([
  'run.dir',
  'sweep.dir',
  'sweep.subdir',
  'output_subdir',
  'job.name',
  'job.override_dirname',
  'job.id',
  'job.config_name',
  'runtime.version',
  'runtime.version_base',
  'runtime.cwd',
  'runtime.output_dir',
  'help.app_name',
  'help.header',
  'help.footer',
  'help.template',
]);

/** Hydra's `${hydra:key}`: `OmegaConf.select(hydra_cfg, key)`, so an absent key or `???` is None. */
function hydra(call: BuiltinCall): unknown {
  arity(call, 'hydra', ['path']);
  const key = call.args[0] as Node;
  if (!isStr(key)) throw new TydraError(`\`hydra\` needs a key (a string), got \`${shown(key)}\` of type ${typeName(key)}`);
  const root = call.selectNode('hydra');
  if (!root || root.node.kind !== 'dict') throw new TydraError('HydraConfig was not set');
  const path = key.value as string;
  const hit = call.selectNode(path === '' ? 'hydra' : `hydra.${path}`);
  if (!hit || isMissing(hit.node)) return new ValueNode('null', null);
  if (HYDRA_STR_FIELDS.has(path) && hit.node.kind === 'value' && hit.node.type !== 'str' && hit.node.type !== 'null') {
    return new ValueNode('str', scalarStr(hit.node.type, hit.node.value));
  }
  return hit;
}

/** The resolvers every registry falls back to. */
export const builtinResolvers: ResolverRegistry = new ResolverRegistry();
builtinResolvers.registerBuiltin('oc.env', env);
builtinResolvers.registerBuiltin('oc.select', select);
builtinResolvers.registerBuiltin('oc.decode', decode);
builtinResolvers.registerBuiltin('oc.create', create);
builtinResolvers.registerBuiltin('oc.deprecated', deprecated);
builtinResolvers.registerBuiltin('oc.dict.keys', dictKeys);
builtinResolvers.registerBuiltin('oc.dict.values', dictValues);
builtinResolvers.registerBuiltin('now', now, { cache: true });
builtinResolvers.registerBuiltin('hydra', hydra);
