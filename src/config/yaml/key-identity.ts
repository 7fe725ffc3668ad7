import type { YamlScalar } from './ast.js';
import { constructScalar } from './resolve-scalar.js';

/**
 * A string equal for two keys exactly when Python's dict would treat the constructed keys as the
 * same key: `1`, `0x1`, `1.0` and `true` collide; `"1"` and `1` do not. String keys start with `s`.
 * @example keyIdentity({ kind: 'scalar', text: '0x1', style: 'plain', offset: 0 }) // 'n1'
 * @throws YamlScalarError when the key itself cannot be constructed (`0b_`, `!!int x`).
 */
export function keyIdentity(key: YamlScalar): string {
  // Shortcut for the usual key: untagged, and quoted or starting where no implicit resolver does.
  if (key.tag === undefined && (key.style !== 'plain' || (key.text !== '' && !RESOLVER_FIRST.includes(key.text[0]!)))) {
    return `s${key.text}`;
  }
  const resolved = constructScalar(key, 'key');
  switch (resolved.type) {
    case 'str':
      return `s${resolved.value}`;
    case 'null':
      return 'null';
    case 'bool':
      return resolved.value ? 'n1' : 'n0';
    case 'int':
      return `n${resolved.value.toString()}`;
    case 'float': {
      const value = resolved.value;
      // PyYAML builds every `.nan` from one shared float object, so they are one key.
      if (Number.isNaN(value)) return 'nan';
      if (Number.isInteger(value)) return `n${BigInt(value).toString()}`;
      return `n${String(value)}`;
    }
  }
}

/** First characters for which PyYAML (or OmegaConf) has an implicit resolver. */
const RESOLVER_FIRST = 'yYnNtTfFoO-+0123456789.<~=';

/** Whether a key identity is a string key (the keys OmegaConf's loader checks for duplicates). */
export function isStringKeyIdentity(identity: string): boolean {
  return identity.charCodeAt(0) === 115; // 's'
}
