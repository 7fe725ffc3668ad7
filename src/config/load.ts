/**
 * Loading a config file the way Hydra does: YAML 1.1 scalars as OmegaConf's loader types them,
 * the `# @package` header, interpolation syntax checked up front (OmegaConf rejects a bad
 * `${...}` when the node is created), and every node tagged with its file and offset.
 */
import { TydraError } from '../errors.js';
import { InterpolationSyntaxError } from './errors.js';
import { GrammarError, hasInterpolation, parseText } from './interpolation/parse.js';
import { DictNode, type KeyType, ListNode, type Node, ValueNode } from './nodes.js';
import { type Source, type SourceFile, lineCol } from './source.js';
import type { YamlNode, YamlScalar } from './yaml/ast.js';
import { YamlScalarError, YamlSyntaxError } from './yaml/errors.js';
import { parseYaml } from './yaml/parse.js';
import { resolvePlainScalar, resolveTaggedScalar } from './yaml/resolve-scalar.js';
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

/** Parse one config file's text. `file.path` is used in messages. */
export function loadConfig(file: SourceFile): LoadedConfig {
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
  const node = doc ? convert(doc, file, []) : undefined;
  return { node, packageHeader, file };
}

/** Load a YAML string that is not a file (`oc.create`, `--cfg` round trips). */
export function loadYamlString(text: string, name: string): Node | undefined {
  return loadConfig({ path: name, configPath: name, text }).node;
}

function src(file: SourceFile, offset: number): Source {
  return { kind: 'file', file, offset };
}

function convert(y: YamlNode, file: SourceFile, path: (string | number)[]): Node {
  if (y.kind === 'map') {
    const d = new DictNode(undefined, src(file, y.offset));
    for (const { key, value } of y.entries) {
      const [k, kt] = keyOf(key, file);
      if (d.entries.has(k)) {
        const { line, col } = lineCol(file, key.offset);
        throw new ConfigLoadError(`Error parsing ${file.path}:${line}:${col}: duplicate key '${k}'`, file.path, line, col);
      }
      d.entries.set(k, convert(value, file, [...path, k]));
      if (kt) (d.keyTypes ??= new Map()).set(k, kt);
    }
    return d;
  }
  if (y.kind === 'seq') {
    return new ListNode(
      y.items.map((item, i) => convert(item, file, [...path, i])),
      src(file, y.offset),
    );
  }
  const v = scalar(y, file);
  if (v.type === 'str' && hasInterpolation(v.value as string)) checkInterpolation(v.value as string, file, y.offset, path);
  return new ValueNode(v.type, v.value, src(file, y.offset));
}

function scalar(y: YamlScalar, file: SourceFile): { type: ValueNode['type']; value: ValueNode['value'] } {
  try {
    if (y.tag) return resolveTaggedScalar(y.text, y.tag);
    if (y.style === 'plain') return resolvePlainScalar(y.text);
    return { type: 'str', value: y.text };
  } catch (e) {
    if (e instanceof YamlScalarError) {
      const { line, col } = lineCol(file, y.offset);
      throw new ConfigLoadError(`Error parsing ${file.path}:${line}:${col}: ${e.message}`, file.path, line, col);
    }
    throw e;
  }
}

/** Dict keys are strings in the tree; a YAML int/float/bool key keeps its type for printing. */
function keyOf(key: YamlScalar, file: SourceFile): [string, KeyType | undefined] {
  const v = scalar(key, file);
  switch (v.type) {
    case 'str':
      return [v.value as string, undefined];
    case 'int':
      return [String(v.value), 'int'];
    case 'float':
      return [floatRepr(v.value as number), 'float'];
    case 'bool':
      return [v.value ? 'true' : 'false', 'bool'];
    default: {
      const { line, col } = lineCol(file, key.offset);
      throw new ConfigLoadError(`Error parsing ${file.path}:${line}:${col}: a key cannot be null`, file.path, line, col);
    }
  }
}

function checkInterpolation(text: string, file: SourceFile, offset: number, path: (string | number)[]): void {
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
