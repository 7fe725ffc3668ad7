/**
 * Python's `str()` and `repr()` of config values. OmegaConf builds interpolated strings with
 * `str()` (`"v${x}"` with x = true gives `"vTrue"`, with a dict gives `"v{'a': 1}"`), and Hydra's
 * override_dirname shows values that way, so tydra must print them the same way.
 */
import { floatRepr } from './float-repr.js';

/** Python `repr()` of a string: single quotes unless the text has `'` and no `"`. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0xa0) || code === 0xad) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16)}`;
    else out += ch;
  }
  return out + quote;
}

/** A scalar as Python's `str()` prints it. */
export function scalarStr(type: 'null' | 'bool' | 'int' | 'float' | 'str', value: unknown): string {
  switch (type) {
    case 'null':
      return 'None';
    case 'bool':
      return value ? 'True' : 'False';
    case 'float':
      return floatRepr(value as number);
    case 'int':
      return String(value);
    default:
      return value as string;
  }
}

/** A scalar as Python's `repr()` prints it (strings quoted). */
export function scalarRepr(type: 'null' | 'bool' | 'int' | 'float' | 'str', value: unknown): string {
  return type === 'str' ? strRepr(value as string) : scalarStr(type, value);
}
