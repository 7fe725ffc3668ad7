/**
 * Python's `str()` and `repr()` of config values. OmegaConf builds interpolated strings with
 * `str()` (`"v${x}"` with x = true gives `"vTrue"`, with a dict gives `"v{'a': 1}"`), and Hydra's
 * override_dirname shows values that way, so tydra must print them the same way.
 */
import { floatRepr } from './float-repr.js';

/** Characters Python's `str.isprintable()` rejects: categories C* and Z* except the space. */
const NON_PRINTABLE = /[\p{C}\p{Z}]/u;
/** Printable ASCII without quotes or backslashes: nothing to escape. */
const PLAIN = /^[\x20-\x21\x23-\x26\x28-\x5b\x5d-\x7e]*$/;

/**
 * Python `repr()` of a string: single quotes unless the text has `'` and no `"`; `\\`, the quote,
 * `\t`, `\n`, `\r` escaped; other non-printable characters as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
 * @example strRepr("it's") === `"it's"`; strRepr('a\u200bb') === "'a\\u200bb'"
 */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  if (PLAIN.test(s)) return quote + s + quote;
  let out = quote;
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      const code = ch.codePointAt(0) as number;
      const hex = code.toString(16);
      out += code < 0x100 ? `\\x${hex.padStart(2, '0')}` : code < 0x10000 ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`;
    } else out += ch;
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
