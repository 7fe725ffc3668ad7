/**
 * The built-in resolvers of OmegaConf 2.3 (`oc.env`, `oc.select`, `oc.decode`, `oc.create`,
 * `oc.deprecated`, `oc.dict.keys`, `oc.dict.values`) and Hydra's `now` and `hydra`.
 * They are registered exactly like user resolvers, in the registry every other one falls back to.
 */
import { TydraError } from '../../errors.js';
import { strftime } from '../../python/strftime.js';
import { scalarStr } from '../../python/str.js';
import { parseElement } from '../interpolation/parse.js';
import { loadYamlString } from '../load.js';
import { DictNode, ListNode, type Node, ValueNode, cloneNode, isMissing } from '../nodes.js';
import { nodeRepr } from '../repr.js';
import { type BuiltinCall, ResolverRegistry } from './registry.js';

function argError(message: string): TydraError {
  return new TydraError(message);
}

function stringArg(call: BuiltinCall, index: number, resolver: string): string {
  const a = call.args[index];
  if (!a || a.kind !== 'value' || a.type !== 'str') {
    const got = a ? (a.kind === 'value' ? `${scalarStr(a.type, a.value)} (${a.type})` : a.kind) : 'nothing';
    throw argError(`\`${resolver}\` requires a string as argument ${index + 1}, but got ${got}`);
  }
  return a.value as string;
}

/** `str()` of a default argument as oc.env does: None stays None, everything else becomes a string. */
function strDefault(node: Node): Node {
  if (node.kind === 'value') {
    if (node.type === 'null') return node;
    return new ValueNode('str', scalarStr(node.type, node.value));
  }
  return new ValueNode('str', nodeRepr(node));
}

function env(call: BuiltinCall): Node {
  if (call.args.length === 0) throw argError('`oc.env` needs the name of an environment variable: ${oc.env:NAME} or ${oc.env:NAME,default}');
  if (call.args.length > 2) throw argError('`oc.env` takes a variable name and an optional default');
  const name = stringArg(call, 0, 'oc.env');
  const value = call.context.env[name];
  if (value !== undefined) return new ValueNode('str', value);
  if (call.args.length === 2) return strDefault(call.args[1] as Node);
  throw argError(`Environment variable '${name}' not found`);
}

function select(call: BuiltinCall): unknown {
  const key = stringArg(call, 0, 'oc.select');
  const hit = call.selectNode(key);
  if (hit && !isMissing(hit.node)) return hit;
  return call.args.length > 1 ? (call.args[1] as Node) : new ValueNode('null', null);
}

function decode(call: BuiltinCall): unknown {
  const a = call.args[0];
  if (!a || a.kind !== 'value' || (a.type !== 'str' && a.type !== 'null')) {
    const got = a ? (a.kind === 'value' ? `\`${scalarStr(a.type, a.value)}\` is of type ${a.type}` : `a ${a.kind}`) : 'nothing';
    throw argError(`\`oc.decode\` can only take strings or None as input, but ${got}`);
  }
  if (a.type === 'null') return a;
  return call.evaluate(parseElement(a.value as string));
}

function create(call: BuiltinCall): Node {
  const a = call.args[0];
  if (!a) throw argError('`oc.create` needs a dict, a list or a YAML string');
  if (a.kind === 'dict' || a.kind === 'list') return cloneNode(a);
  if (a.type === 'str') return loadYamlString(a.value as string, 'oc.create') ?? new DictNode();
  throw argError(`\`oc.create\` cannot create a config from an object of type ${a.type}`);
}

function deprecated(call: BuiltinCall): unknown {
  const key = stringArg(call, 0, 'oc.deprecated');
  const template = call.args.length > 1 ? stringArg(call, 1, 'oc.deprecated') : "'$OLD_KEY' is deprecated. Change your code and config to use '$NEW_KEY'";
  const hit = call.selectNode(key);
  if (!hit) throw argError(`In oc.deprecated resolver at '${call.context.key}': Key not found: '${key}'`);
  call.warn(template.replace(/\$OLD_KEY/g, call.context.key).replace(/\$NEW_KEY/g, key));
  return hit;
}

function dictInput(call: BuiltinCall, resolver: string): { node: DictNode; key: string } {
  const key = stringArg(call, 0, resolver);
  const hit = call.selectNode(key);
  if (!hit) throw argError(`Key not found: '${key}'`);
  if (hit.node.kind !== 'dict') {
    throw argError(`\`${resolver}\` cannot be applied to objects of type: ${hit.node.kind === 'value' ? hit.node.type : hit.node.kind}`);
  }
  return { node: hit.node, key };
}

function dictKeys(call: BuiltinCall): Node {
  const { node } = dictInput(call, 'oc.dict.keys');
  return new ListNode([...node.entries.keys()].map((k) => new ValueNode('str', k)));
}

function dictValues(call: BuiltinCall): Node {
  const { node, key } = dictInput(call, 'oc.dict.values');
  // The values stay live: each item is an interpolation to the dict's entry. A relative key gets
  // one more dot because the items sit one level deeper, inside the returned list.
  const ref = key.startsWith('.') ? `.${key}` : key;
  return new ListNode([...node.entries.keys()].map((k) => new ValueNode('str', `\${${ref}.${k}}`)));
}

function now(call: BuiltinCall): Node {
  const pattern = call.args.length ? stringArg(call, 0, 'now') : '%Y-%m-%d %H:%M:%S.%f';
  return new ValueNode('str', strftime(pattern, call.context.now));
}

function hydra(call: BuiltinCall): unknown {
  const key = stringArg(call, 0, 'hydra');
  const hit = call.selectNode(`hydra.${key}`.replace(/^hydra\.$/, 'hydra'));
  if (!hit) throw argError(`'hydra.${key}' is not set`);
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
