/**
 * The complete YAML path: the `yaml` package parses (YAML 1.1, every scalar kept as a string),
 * then this module converts its nodes to tydra's AST with the rules of OmegaConf's loader
 * (PyYAML SafeLoader): aliases copied, `<<` merge keys applied, duplicate string keys rejected,
 * a single document only. This is the ONLY module that imports `yaml`; load it through
 * `slow-loader.ts` so a bundle can defer the import until a file needs it.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YNode, Scalar, YAMLError, YAMLMap, YAMLSeq } from 'yaml';
import type { YamlMap, YamlNode, YamlPair, YamlParseResult, YamlScalar, YamlSeq } from './ast.js';
import { TAG_PREFIX } from './ast.js';
import { YamlScalarError, YamlSyntaxError, linePos } from './errors.js';
import { isStringKeyIdentity, keyIdentity } from './key-identity.js';

const OPTIONS = {
  version: '1.1',
  // Every scalar stays a string (typing is resolve-scalar.ts's job); tags are kept on the nodes.
  schema: 'failsafe',
  // Both are OmegaConf rules applied below, where they can follow PyYAML exactly.
  uniqueKeys: false,
  merge: false,
  prettyErrors: true,
} as const;

/** Characters PyYAML's reader rejects anywhere in a stream (`yaml` would accept most of them). */
const NON_PRINTABLE = /[^\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Copies made for aliases, at most: a guard against "billion laughs" documents. */
const MAX_ALIAS_NODES = 1_000_000;

/**
 * Parses one YAML document with the `yaml` package and OmegaConf's loader rules.
 * @example parseYamlSlow('a: &x [1]\nb: *x').document // map with two equal flow sequences
 * @throws YamlSyntaxError with the line and column of the first problem.
 */
export function parseYamlSlow(text: string): YamlParseResult {
  const bad = NON_PRINTABLE.exec(text);
  if (bad !== null) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw YamlSyntaxError.at(text, bad.index, 'NON_PRINTABLE', `unacceptable character #x${code}: special characters are not allowed`);
  }
  const doc = parseDocument(text, OPTIONS);
  const error = doc.errors[0];
  if (error !== undefined) throw fromYamlError(text, error);
  const contents = doc.contents as YNode | null;
  if (contents === null) return { document: undefined };
  const empty = isScalar(contents) && contents.type === 'PLAIN' && contents.source === '';
  if (empty && contents.tag === undefined && contents.anchor === undefined) {
    return { document: undefined };
  }
  try {
    const converter = new Converter(text);
    const document = converter.convert(contents, 0);
    converter.checkTabs();
    return { document };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw YamlSyntaxError.at(text, 0, 'RESOURCE_EXHAUSTION', 'the document is nested too deeply');
  }
}

function fromYamlError(text: string, error: YAMLError): YamlSyntaxError {
  const offset = error.pos[0];
  const { line, col } = error.linePos?.[0] ?? linePos(text, offset);
  if (error.code === 'MULTIPLE_DOCS') {
    // `yaml`'s advice (use parseAllDocuments) is for its API users; say what PyYAML says.
    const reason = 'expected a single document in the stream, but found another document';
    return new YamlSyntaxError({ reason, code: error.code, offset, line, col });
  }
  const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  return new YamlSyntaxError({ message: error.message, reason, code: error.code, offset, line, col });
}

interface Anchor {
  /** `undefined` while the anchored node is still being converted (an alias to it is recursive). */
  node: YamlNode | undefined;
}

/** PyYAML's anchor and alias names: ASCII letters, digits, `-` and `_`. */
const ANCHOR_NAME = /^[0-9A-Za-z_-]+$/;

class Converter {
  private readonly anchors = new Map<string, Anchor>();
  private copied = 0;
  /** Inside how many flow collections the node being converted is. */
  private flowDepth = 0;
  /** Where tabs are content: quoted and block scalars, as [start, end) offsets. */
  private readonly tabRanges: Array<[number, number]> = [];

  constructor(private readonly text: string) {}

  /**
   * PyYAML's scanner never skips a tab between tokens (only spaces), so a tab anywhere but in a
   * quoted scalar, a block scalar or a comment is an error (`a:\tb`, `a: b\t`, `[1,\t2]`), which
   * `yaml` accepts as whitespace.
   */
  checkTabs(): void {
    const text = this.text;
    if (!text.includes('\t')) return;
    const ranges = this.tabRanges.sort((a, b) => a[0] - b[0]);
    let r = 0;
    for (let i = 0; i < text.length; i++) {
      while (r < ranges.length && (ranges[r] as [number, number])[1] <= i) r++;
      const range = ranges[r];
      if (range !== undefined && range[0] <= i) {
        i = range[1] - 1;
        continue;
      }
      const ch = text[i];
      if (ch === '#' && (i === 0 || ' \t\r\n'.includes(text[i - 1] as string))) {
        const eol = text.indexOf('\n', i);
        if (eol < 0) return;
        i = eol;
      } else if (ch === '\t') {
        throw this.error(i, 'TAB', "found character '\\t' that cannot start any token (PyYAML reads tabs only in quoted and block scalars and in comments)");
      }
    }
  }

  /** Converts a `yaml` node; `emptyOffset` places the empty scalar standing in for a missing node. */
  convert(node: YNode | null, emptyOffset: number): YamlNode {
    if (node === null) return { kind: 'scalar', text: '', style: 'plain', offset: emptyOffset };
    if (isAlias(node)) {
      const anchor = this.anchors.get(node.source);
      const offset = node.range?.[0] ?? emptyOffset;
      if (!ANCHOR_NAME.test(node.source)) throw this.error(offset, 'BAD_ALIAS', `while scanning an alias: "${node.source}" is not a valid alias name (letters, digits, - and _)`);
      if (anchor === undefined) throw this.error(offset, 'BAD_ALIAS', `found undefined alias "${node.source}"`);
      if (anchor.node === undefined) {
        throw this.error(offset, 'RECURSIVE_ALIAS', `alias "${node.source}" refers to a node that contains it`);
      }
      return this.copy(anchor.node, offset);
    }
    const name = node.anchor;
    if (name !== undefined) {
      if (!ANCHOR_NAME.test(name)) {
        throw this.error(node.range?.[0] ?? emptyOffset, 'BAD_ANCHOR', `while scanning an anchor: "${name}" is not a valid anchor name (letters, digits, - and _)`);
      }
      if (this.anchors.has(name)) {
        throw this.error(node.range?.[0] ?? emptyOffset, 'DUPLICATE_ANCHOR', `found duplicate anchor "${name}"`);
      }
      this.anchors.set(name, { node: undefined });
    }
    let result: YamlNode;
    if (isScalar(node)) result = this.scalar(node);
    else if (isMap(node)) result = this.map(node);
    else if (isSeq(node)) result = this.seq(node);
    else throw this.error(emptyOffset, 'IMPOSSIBLE', 'unexpected YAML node');
    if (name !== undefined) this.anchors.set(name, { node: result });
    return result;
  }

  private scalar(node: Scalar): YamlScalar {
    const offset = node.range?.[0] ?? 0;
    let style: YamlScalar['style'];
    switch (node.type) {
      case 'QUOTE_SINGLE': style = 'single'; break;
      case 'QUOTE_DOUBLE': style = 'double'; break;
      case 'BLOCK_LITERAL': case 'BLOCK_FOLDED': style = 'block'; break;
      default: style = 'plain';
    }
    let text = String(node.value ?? '');
    if (style === 'block') text = this.blockScalarAtEnd(node, text);
    if (style !== 'plain' && node.range) this.tabRanges.push([node.range[0], node.range[1]]);
    // In a flow collection PyYAML ends a plain scalar at `?` and takes `?` for an explicit-key
    // indicator: `[???]`, `{x: ???}` and `[a?b]` do not load (`[?x]` is `[{x: null}]` there).
    if (style === 'plain' && this.flowDepth > 0 && text.includes('?')) {
      throw this.error(offset, 'FLOW_QUESTION_MARK', `'?' in the plain scalar "${text}" inside a flow collection (PyYAML reads it as an explicit key indicator); quote the value`);
    }
    const tag = node.tag;
    // PyYAML resolves a scalar with the non-specific tag `!` like a plain one, whatever its style.
    if (tag === '!') return { kind: 'scalar', text, style: 'plain', offset };
    const result: YamlScalar = { kind: 'scalar', text, style, offset };
    if (tag !== undefined) result.tag = tag;
    return result;
  }

  /**
   * `yaml` ends a block scalar's last line with a line break even at the end of input; PyYAML
   * adds only the break that is there. Drops the one `yaml` invented.
   */
  private blockScalarAtEnd(node: Scalar, value: string): string {
    const text = this.text;
    const end = node.range?.[1] ?? 0;
    if (end < text.length || text.endsWith('\n') || !value.endsWith('\n')) return value;
    const lastLineStart = text.lastIndexOf('\n') + 1;
    const start = node.range?.[0] ?? 0;
    if (lastLineStart <= start) return value;
    const lastLine = text.slice(lastLineStart);
    const spaces = lastLine.length - lastLine.replace(/^ +/, '').length;
    // The last line is content if it has more than spaces, or more spaces than the content indent.
    if (spaces < lastLine.length) return value.slice(0, -1);
    // (With an explicit indentation indicator the first line's indent may not be the content
    // indent; such a file ending in a line of spaces only is too rare to handle.)
    const headerEnd = text.indexOf('\n', start);
    const firstContent = /^( *)[^ \n]/m.exec(text.slice(headerEnd + 1));
    if (firstContent !== null && spaces > (firstContent[1]?.length ?? 0)) return value.slice(0, -1);
    return value;
  }

  private map(node: YAMLMap): YamlMap {
    if (!node.flow) return this.mapItems(node);
    this.flowDepth++;
    try {
      return this.mapItems(node);
    } finally {
      this.flowDepth--;
    }
  }

  private mapItems(node: YAMLMap): YamlMap {
    this.checkCollectionTag(node, 'map');
    const offset = node.range?.[0] ?? 0;
    const merged: YamlPair[] = [];
    const explicit: YamlPair[] = [];
    const stringKeys = new Map<string, YamlScalar>();
    for (const pair of node.items) {
      const keyNode = pair.key as YNode | null;
      const valueNode = pair.value as YNode | null;
      if (keyNode === null) {
        throw this.error(valueNode?.range?.[0] ?? offset, 'MISSING_KEY', 'mapping entry without a key');
      }
      const keyOffset = keyNode.range?.[0] ?? offset;
      if (isScalar(keyNode) && this.isMergeKey(keyNode)) {
        this.merge(merged, this.convert(valueNode, keyNode.range?.[1] ?? keyOffset), keyOffset);
        continue;
      }
      const key = this.convert(keyNode, keyOffset);
      if (key.kind !== 'scalar') {
        throw this.error(keyOffset, 'COMPLEX_KEY', 'mapping keys must be scalars (strings, numbers, booleans or null)');
      }
      const id = this.identity(key);
      // OmegaConf checks keys PyYAML resolved to str; a plain `=` resolves to the value tag.
      if (isStringKeyIdentity(id) && !(key.style === 'plain' && key.tag === undefined && key.text === '=')) {
        const first = stringKeys.get(id);
        if (first !== undefined) {
          const at = linePos(this.text, first.offset);
          throw this.error(key.offset, 'DUPLICATE_KEY', `duplicate key "${key.text}" (first at line ${at.line}, column ${at.col})`);
        }
        stringKeys.set(id, key);
      }
      explicit.push({ key, value: this.convert(valueNode, keyNode.range?.[1] ?? keyOffset) });
    }
    return { kind: 'map', entries: this.dedupe(merged.length === 0 ? explicit : merged.concat(explicit)), offset, flow: Boolean(node.flow) };
  }

  private isMergeKey(key: Scalar): boolean {
    if (key.tag === `${TAG_PREFIX}merge`) return true;
    return key.tag === undefined && key.type === 'PLAIN' && key.source === '<<';
  }

  /** PyYAML `flatten_mapping` for one `<<` entry: a map, or a sequence of maps (earlier ones win). */
  private merge(into: YamlPair[], value: YamlNode, keyOffset: number): void {
    if (value.kind === 'map') {
      into.push(...value.entries);
      return;
    }
    if (value.kind === 'seq') {
      const maps: YamlMap[] = [];
      for (const item of value.items) {
        if (item.kind !== 'map') {
          throw this.error(item.offset, 'BAD_MERGE', `expected a mapping for merging, but found ${describe(item)}`);
        }
        maps.push(item);
      }
      for (const map of maps.reverse()) into.push(...map.entries);
      return;
    }
    throw this.error(keyOffset, 'BAD_MERGE', `expected a mapping or list of mappings for merging, but found ${describe(value)}`);
  }

  /** Python dict assignment order: a repeated key keeps its first position and takes the last value. */
  private dedupe(pairs: YamlPair[]): YamlPair[] {
    const index = new Map<string, number>();
    const out: YamlPair[] = [];
    for (const pair of pairs) {
      const id = this.identity(pair.key);
      const at = index.get(id);
      if (at === undefined) {
        index.set(id, out.length);
        out.push(pair);
      } else {
        out[at] = { key: out[at]!.key, value: pair.value };
      }
    }
    return out;
  }

  private identity(key: YamlScalar): string {
    try {
      return keyIdentity(key);
    } catch (e) {
      if (e instanceof YamlScalarError) throw this.error(key.offset, 'BAD_KEY', e.message);
      throw e;
    }
  }

  private seq(node: YAMLSeq): YamlSeq {
    this.checkCollectionTag(node, 'seq');
    const offset = node.range?.[0] ?? 0;
    if (node.flow) this.flowDepth++;
    try {
      const items = node.items.map((item) => this.convert(item as YNode | null, offset));
      return { kind: 'seq', items, offset, flow: Boolean(node.flow) };
    } finally {
      if (node.flow) this.flowDepth--;
    }
  }

  private checkCollectionTag(node: YAMLMap | YAMLSeq, kind: 'map' | 'seq'): void {
    const tag = node.tag;
    if (tag === undefined || tag === '!' || tag === `${TAG_PREFIX}${kind}`) return;
    throw this.error(node.range?.[0] ?? 0, 'UNSUPPORTED_TAG', `the tag ${tag} is not supported on a ${kind === 'map' ? 'mapping' : 'sequence'}`);
  }

  private copy(node: YamlNode, at: number): YamlNode {
    if (++this.copied > MAX_ALIAS_NODES) {
      throw this.error(at, 'RESOURCE_EXHAUSTION', 'aliases expand to too many nodes');
    }
    switch (node.kind) {
      case 'scalar':
        return { ...node };
      case 'seq':
        return { ...node, items: node.items.map((item) => this.copy(item, at)) };
      case 'map':
        return {
          ...node,
          entries: node.entries.map((pair) => ({ key: { ...pair.key }, value: this.copy(pair.value, at) })),
        };
    }
  }

  private error(offset: number, code: string, reason: string): YamlSyntaxError {
    return YamlSyntaxError.at(this.text, offset, code, reason);
  }
}

function describe(node: YamlNode): string {
  return node.kind === 'map' ? 'a mapping' : node.kind === 'seq' ? 'a sequence' : 'a scalar';
}
