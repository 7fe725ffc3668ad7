/**
 * Reading the `defaults:` list of a config into entries:
 *
 *   CONFIG        : (GROUP/)?NAME(@PACKAGE)?                       e.g. `server/apache`, `_self_`
 *   GROUP_DEFAULT : [optional|override]? GROUP(@PACKAGE)?: OPTION  e.g. `override db@backup: pg`
 *   OPTION        : NAME | [NAMES] | null | ???
 */
import { ConfigError } from '../config/errors.js';
import { DictNode, type Node } from '../config/nodes.js';
import { ConfigCompositionError } from './errors.js';
import { ConfigDefault, GroupDefault, type InputDefault } from './elements.js';

export interface ConfigWithDefaults {
  /** The defaults list, or undefined when the config has none. */
  defaults: InputDefault[] | undefined;
  /** The config's content without its top-level `defaults` key. */
  content: Node | undefined;
}

const cache = new WeakMap<object, ConfigWithDefaults>();

/**
 * Split a loaded config into its defaults list and its content (cached per loaded config; callers
 * must clone the entries before changing them).
 */
export function splitDefaults(configPath: string, node: Node | undefined): ConfigWithDefaults {
  if (!node || node.kind !== 'dict') return { defaults: undefined, content: node };
  const hit = cache.get(node);
  if (hit) return hit;
  const list = node.entries.get('defaults');
  let result: ConfigWithDefaults;
  if (list === undefined) result = { defaults: undefined, content: node };
  else {
    const content = new DictNode(new Map(node.entries), node.src);
    if (node.keyTypes) content.keyTypes = node.keyTypes;
    if (node.flags) content.flags = { ...node.flags };
    content.entries.delete('defaults');
    result = { defaults: parseDefaultsList(configPath, list), content };
  }
  cache.set(node, result);
  return result;
}

function kindName(n: Node): string {
  if (n.kind === 'dict') return 'mapping';
  if (n.kind === 'list') return 'list';
  return n.type === 'str' ? 'str' : n.type === 'null' ? 'NoneType' : n.type;
}

export function parseDefaultsList(configPath: string, list: Node): InputDefault[] {
  if (list.kind !== 'list') {
    throw new ConfigError(`Invalid defaults list in '${configPath}', defaults must be a list (got ${kindName(list)})`, { source: list.src });
  }
  const out: InputDefault[] = [];
  for (const item of list.items) {
    if (item.kind === 'value' && item.type === 'str') {
      const { group, pkg } = splitPackage(item.value as string, configPath, item);
      if (group === '_self_' && pkg !== undefined) {
        throw new ConfigError(`In ${configPath}: _self_@PACKAGE is not supported ('${item.value as string}')`, { source: item.src });
      }
      const d = new ConfigDefault(group, pkg);
      d.src = item.src;
      out.push(d);
      continue;
    }
    if (item.kind === 'dict') {
      const keys = [...item.entries.keys()];
      if (keys.length === 0) throw new ConfigError(`In ${configPath}: Missing group name in an item of the defaults list`, { source: item.src });
      if (keys.length > 1) {
        throw new ConfigError(`In ${configPath}: Too many keys in default item {${keys.join(', ')}}: each item selects one group`, {
          source: item.src,
          hint: 'write one item per group: "- db: mysql" and "- server: apache" on separate lines',
        });
      }
      const key = keys[0] as string;
      const valueNode = item.entries.get(key) as Node;
      const words = key.split(' ');
      const groupWithPkg = words[words.length - 1] as string;
      let optional = false;
      let override = false;
      for (const w of words.slice(0, -1)) {
        if (w === 'optional') optional = true;
        else if (w === 'override') override = true;
        else if (w !== '') {
          throw new ConfigError(`In ${configPath}: unknown keyword '${w}' in defaults list item '${key}' (expected 'optional' or 'override')`, { source: item.src });
        }
      }
      const { group, pkg } = splitPackage(groupWithPkg, configPath, item);
      const d = new GroupDefault(group, optionValue(configPath, key, valueNode), pkg);
      d.optional = optional;
      d.override = override;
      d.src = valueNode.src ?? item.src;
      out.push(d);
      continue;
    }
    throw new ConfigError(`Unsupported type in defaults : ${kindName(item)}`, { source: item.src });
  }
  return out;
}

function optionValue(configPath: string, key: string, v: Node): string | string[] | null {
  if (v.kind === 'value') {
    if (v.type === 'null') return null;
    if (v.type === 'str') return v.value as string;
    throw new ConfigError(`In ${configPath}: Unsupported item value in defaults : ${v.type} (in '${key}'). Supported: string or list`, {
      source: v.src,
      hint: `quote the option name: "${key}: '${String(v.value)}'"`,
    });
  }
  if (v.kind === 'list') {
    return v.items.map((x) => {
      if (x.kind !== 'value' || x.type !== 'str') {
        throw new ConfigError(`In ${configPath}: the options of '${key}' must be names (strings)`, { source: x.src });
      }
      return x.value as string;
    });
  }
  throw new ConfigError(`In ${configPath}: Unsupported item value in defaults : mapping (in '${key}'). Supported: string or list`, { source: v.src });
}

function splitPackage(text: string, configPath: string, item: Node): { group: string; pkg: string | undefined } {
  const at = text.indexOf('@');
  if (at === -1) return { group: text, pkg: undefined };
  const group = text.slice(0, at);
  const pkg = text.slice(at + 1);
  if (pkg.includes(':')) {
    throw new ConfigCompositionError(
      `In ${configPath}: the package rename syntax '${text}' (group@old:new) is not supported since Hydra 1.1; use '${group}@${pkg.slice(pkg.indexOf(':') + 1)}'`,
      { source: item.src },
    );
  }
  return { group, pkg };
}
