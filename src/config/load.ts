/**
 * Loading a config file the way Hydra does: YAML 1.1 scalars as OmegaConf's loader types them,
 * the `# @package` header, interpolation syntax checked up front (OmegaConf rejects a bad
 * `${...}` when the node is created), and every node tagged with its file and offset.
 */
import { TydraError } from '../errors.js';
import { InterpolationSyntaxError } from './errors.js';
import { GrammarError, hasInterpolation, parseText, passesQuickCheck } from './interpolation/parse.js';
import { DictNode, type KeyType, ListNode, type Node, ValueNode } from './nodes.js';
import { type Source, type SourceFile, lineCol } from './source.js';
import type { YamlNode, YamlScalar } from './yaml/ast.js';
import { YamlScalarError, YamlSyntaxError } from './yaml/errors.js';
import { parseYaml } from './yaml/parse.js';
import { type ScalarRole, resolvePlainScalar, resolveTaggedScalar } from './yaml/resolve-scalar.js';
import { floatRepr } from '../python/float-repr.js';

/** A config file that cannot be loaded; the message names the file, line and column. */
export class ConfigLoadError extends TydraError {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly col?: number,
  ) {
    super(message);
  }
}

export interface LoadedConfig {
  /** The file's content (undefined for an empty file). */
  node: Node | undefined;
  /** `# @package x` (undefined when there is no header). */
  packageHeader: string | undefined;
  file: SourceFile;
}

/**
 * Parse one config file's text as `OmegaConf.load` does (a top-level `null` is an empty config,
 * a top-level string is read again as YAML). `file.path` is used in messages.
 */
export function loadConfig(file: SourceFile): LoadedConfig {
  const loaded = loadDocument(file);
  const node = loaded.node;
  return node?.kind === 'value' ? { ...loaded, node: topLevel(node, file) } : loaded;
}

/** The YAML document of a text as a node (a top-level scalar stays a scalar). */
function loadDocument(file: SourceFile): LoadedConfig {
  const packageHeader = readPackageHeader(file);
  let doc: YamlNode | undefined;
  try {
    doc = parseYaml(file.text).document;
  } catch (e) {
    if (e instanceof YamlSyntaxError) {
      throw new ConfigLoadError(`Error parsing ${file.path}:${e.line}:${e.col}: ${e.reason}`, file.path, e.line, e.col);
    }
    throw e;
  }
  // OmegaConf checks interpolation syntax when it creates the config, after PyYAML has built the
  // whole document: a YAML error anywhere in the file is reported first.
  const interpolations: PendingCheck[] = [];
  const converted = doc ? convert(doc, file, [], interpolations) : undefined;
  // A top-level scalar is not a value of the config (a string becomes a key): nothing to check.
  if (converted?.kind === 'value') return { node: converted, packageHeader, file };
  for (const c of interpolations) {
    if ('error' in c) throw c.error;
    checkInterpolation(c.text, file, c.offset, c.path);
  }
  return { node: converted, packageHeader, file };
}

/** An interpolation whose syntax is checked, or an error raised, once the document is built. */
type PendingCheck = { text: string; offset: number; path: (string | number)[] } | { error: ConfigLoadError };

/**
 * What `OmegaConf.load` makes of a document that is not a mapping or a list: `null` is an empty
 * config, and a string is read again as YAML (`OmegaConf.create(str)`), where a lone string
 * becomes a key without a value (`abc` → `{abc: None}`). Any other scalar cannot be loaded.
 */
function topLevel(node: ValueNode, file: SourceFile): Node | undefined {
  if (node.type === 'null') return undefined;
  if (node.type === 'str') {
    const again = loadDocument({ ...file, text: node.value as string }).node;
    if (again === undefined || again.kind !== 'value') return again;
    if (again.type === 'null') return undefined;
    if (again.type === 'str') return new DictNode(new Map([[again.value as string, new ValueNode('null', null, again.src)]]), node.src);
  }
  const shown = node.type === 'str' ? (node.value as string) : String(node.value);
  throw new ConfigLoadError(`Error loading ${file.path}: a config must be a mapping or a list, not ${node.type === 'str' ? 'a string that reads as ' : ''}'${shown}'`, file.path);
}

/** Load a YAML string that is not a file (`oc.create`, `--cfg` round trips). */
export function loadYamlString(text: string, name: string): Node | undefined {
  return loadDocument({ path: name, configPath: name, text }).node;
}

function src(file: SourceFile, offset: number): Source {
  return { kind: 'file', file, offset };
}

function convert(y: YamlNode, file: SourceFile, path: (string | number)[], checks: PendingCheck[]): Node {
  if (y.kind === 'map') {
    const d = new DictNode(undefined, src(file, y.offset));
    for (const { key, value } of y.entries) {
      const typed = keyOf(key, file);
      if (typed === undefined) {
        // OmegaConf rejects a null key when it creates the config, in document order.
        const { line, col } = lineCol(file, key.offset);
        checks.push({ error: new ConfigLoadError(`Error parsing ${file.path}:${line}:${col}: a key cannot be null`, file.path, line, col) });
        continue;
      }
      const [k, kt] = typed;
      if (d.entries.has(k)) {
        const { line, col } = lineCol(file, key.offset);
        throw new ConfigLoadError(`Error parsing ${file.path}:${line}:${col}: duplicate key '${k}'`, file.path, line, col);
      }
      d.entries.set(k, convert(value, file, [...path, k], checks));
      if (kt) (d.keyTypes ??= new Map()).set(k, kt);
    }
    return d;
  }
  if (y.kind === 'seq') {
    return new ListNode(
      y.items.map((item, i) => convert(item, file, [...path, i], checks)),
      src(file, y.offset),
    );
  }
  const v = scalar(y, file);
  if (v.type === 'str' && hasInterpolation(v.value as string)) checks.push({ text: v.value as string, offset: y.offset, path });
  return new ValueNode(v.type, v.value, src(file, y.offset));
}

function scalar(y: YamlScalar, file: SourceFile, role: ScalarRole = 'value'): { type: ValueNode['type']; value: ValueNode['value'] } {
  try {
    if (y.tag) return resolveTaggedScalar(y.text, y.tag);
    if (y.style === 'plain') return resolvePlainScalar(y.text, role);
    return { type: 'str', value: y.text };
  } catch (e) {
    if (e instanceof YamlScalarError) {
      const { line, col } = lineCol(file, y.offset);
      throw new ConfigLoadError(`Error parsing ${file.path}:${line}:${col}: ${e.message}`, file.path, line, col);
    }
    throw e;
  }
}

/** Dict keys are strings in the tree; a YAML int/float/bool key keeps its type for printing (undefined: a null key). */
function keyOf(key: YamlScalar, file: SourceFile): [string, KeyType | undefined] | undefined {
  // A plain `=` is PyYAML's `value` tag: a string as a key (an error only as a value).
  const v = scalar(key, file, 'key');
  switch (v.type) {
    case 'str':
      return [v.value as string, undefined];
    case 'int':
      return [String(v.value), 'int'];
    case 'float':
      return [floatRepr(v.value as number), 'float'];
    case 'bool':
      return [v.value ? 'true' : 'false', 'bool'];
    default:
      return undefined;
  }
}

function checkInterpolation(text: string, file: SourceFile, offset: number, path: (string | number)[]): void {
  if (passesQuickCheck(text)) return;
  try {
    parseText(text);
  } catch (e) {
    if (e instanceof GrammarError) throw new InterpolationSyntaxError(text, e.column, e.expected, { path, source: src(file, offset) });
    throw e;
  }
}

/**
 * Hydra reads `# @key value` lines at the top of a file (blank lines skipped, the first other
 * line ends the header). Only `@package` matters.
 */
export function readPackageHeader(file: SourceFile): string | undefined {
  const text = file.text;
  let pos = 0;
  let pkg: string | undefined;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end).trim();
    pos = end + 1;
    if (line === '') continue;
    if (!/^#\s*@/.test(line)) break;
    const parts = line.replace(/^#+/, '').trim().split(' ').filter((p) => p.length > 0);
    if (parts.length !== 2) {
      const { line: ln } = lineCol(file, pos - 1);
      throw new ConfigLoadError(
        `Error parsing ${file.path}:${ln}: expected a header of the form '# @package <package>', got '${line}'`,
        file.path,
        ln,
      );
    }
    if (parts[0] === '@package') pkg = parts[1];
  }
  return pkg;
}
