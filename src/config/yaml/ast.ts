/**
 * The YAML syntax tree tydra's config loader consumes: block and flow collections and untyped
 * scalars, with source offsets. Both parsers (`fast.ts`, `slow.ts`) produce exactly this shape.
 *
 * Contract shared by both parsers:
 * - `offset` is the UTF-16 index of the node's first character in the source: a block map's first
 *   key, a block sequence's first `-`, a flow collection's bracket, a scalar's first character
 *   (the quote of a quoted scalar, the `|`/`>` of a block scalar). An empty value (`a:` with
 *   nothing) is a plain scalar with text `''` whose offset is the first non-space character after
 *   the `:` or `-` indicator (often the line break).
 * - `text` is the scalar's value after unquoting, escape processing and folding, not yet typed:
 *   see `resolve-scalar.ts` for typing it as OmegaConf does.
 * - `tag` (scalars only) is an explicit tag in full form (`!!int` → `tag:yaml.org,2002:int`,
 *   local tags as written: `!foo`). Only the slow path ever sets it. The non-specific tag `!`
 *   makes PyYAML resolve a scalar like a plain one whatever its quoting (`! "12"` is 12), so such
 *   a scalar has no tag and style `plain`.
 * - A map's keys are unique as Python would compare the constructed keys (`1`, `0x1` and `true`
 *   are the same key): where PyYAML assigns the same key twice (non-string keys, merge keys `<<`)
 *   the map holds the last value at the first key's position, as a Python dict does. Two equal
 *   *string* keys are an error, as in OmegaConf's loader.
 * - Aliases are resolved to copies of their anchors' nodes; merge keys are already applied.
 */
export type YamlNode = YamlMap | YamlSeq | YamlScalar;

export interface YamlMap {
  kind: 'map';
  entries: YamlPair[];
  offset: number;
  flow: boolean;
}

export interface YamlPair {
  key: YamlScalar;
  value: YamlNode;
}

export interface YamlSeq {
  kind: 'seq';
  items: YamlNode[];
  offset: number;
  flow: boolean;
}

export interface YamlScalar {
  kind: 'scalar';
  text: string;
  style: 'plain' | 'single' | 'double' | 'block';
  tag?: string;
  offset: number;
}

/** The result of parsing one YAML stream; `document` is `undefined` for an empty document. */
export interface YamlParseResult {
  document: YamlNode | undefined;
}

/** Full form of the YAML 1.1 core tags, as they appear in `YamlScalar.tag`. */
export const TAG_PREFIX = 'tag:yaml.org,2002:';
