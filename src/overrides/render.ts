/**
 * Writing values back as override text, the way Hydra writes a job's overrides
 * (`Override._get_value_element_as_str`): `seed=1`, `+tag='a,b'`, `~key=null`, `flag=True`,
 * `optimizer.lr=0.001` for `1e-3`, `trainer.devices=[0,1]`. Parsing the result gives the value
 * back.
 */
import { floatRepr } from '../python/float-repr.js';
import { keyElement } from './types.js';
import type { Element, Override } from './types.js';

// \ ( ) [ ] { } : = , space tab: what the lexer's ESC token can escape.
const SPECIAL = /[\\()[\]{}:=, \t]/;
const SPECIAL_ALL = /[\\()[\]{}:=, \t]/g;

/**
 * An unquoted string with every character the grammar treats specially escaped by a backslash
 * (Hydra's `escape_special_characters`). @example escapeSpecialCharacters('a,b') === 'a\\,b'
 */
export function escapeSpecialCharacters(s: string): string {
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, '\\$&') : s;
}

/** Characters an unquoted value can hold once escaped: ASCII letters, digits and `_-/\+.$%*@?|` plus the escapable ones. */
const UNQUOTABLE = /[^a-zA-Z0-9_\-/\\+.$%*@?|()[\]{}:=, \t]/;

/**
 * An unquoted string as override text. Hydra escapes the special characters; a string that came
 * from an interpolation can also hold characters no escape can express unquoted (`${a:'b'}`,
 * non-ASCII, `#`), for which Hydra writes an override that does not parse: those are quoted.
 */
function renderUnquoted(s: string): string {
  if (!UNQUOTABLE.test(s)) return escapeSpecialCharacters(s);
  return quoteString(s, s.includes("'") && !s.includes('"') ? '"' : "'");
}

/**
 * A string in quotes: each quote character is escaped, and each run of backslashes that precedes
 * a quote (escaped or closing) is doubled. The inverse of how the lexer reads quoted values.
 * @example quoteString("it's", "'") === "'it\\'s'"
 */
export function quoteString(text: string, quote: "'" | '"'): string {
  const q = quote.charCodeAt(0);
  if (text.indexOf(quote) < 0 && text.indexOf('\\') < 0) return quote + text + quote;
  let out = quote;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      run++;
      continue;
    }
    if (run > 0) out += '\\'.repeat(c === q ? run * 2 : run);
    run = 0;
    out += c === q ? `\\${quote}` : text[i];
  }
  return `${out}${'\\'.repeat(run * 2)}${quote}`;
}

/**
 * One value as Hydra writes it after the `=`: null → `null`, a quoted string re-quoted, an unquoted
 * string escaped (or quoted when no escape can express it), a float as Python's repr, a bool as
 * `True`/`False`, containers without spaces.
 */
export function renderValue(v: Element): string {
  switch (v.kind) {
    case 'null':
      return 'null';
    case 'string':
      return v.quote === undefined ? renderUnquoted(v.value) : quoteString(v.value, v.quote);
    case 'int':
      return String(v.value);
    case 'float':
      return floatRepr(v.value);
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'list': {
      let out = '[';
      for (let i = 0; i < v.items.length; i++) out += (i > 0 ? ',' : '') + renderValue(v.items[i] as Element);
      return `${out}]`;
    }
    case 'dict': {
      let out = '{';
      for (let i = 0; i < v.entries.length; i++) {
        const [k, val] = v.entries[i] as readonly [Element, Element];
        out += `${i > 0 ? ',' : ''}${renderValue(k)}:${renderValue(val)}`;
      }
      return `${out}}`;
    }
  }
}

/**
 * The override as Hydra writes it in a job's override list: the key element, `=`, and `value`
 * (default: the override's own value, which must not be a sweep). A delete without a value is
 * written `~key=null`.
 * @example renderOverride(parseOverride('seed=1,2'), { kind: 'int', value: 2 }) === 'seed=2'
 */
export function renderOverride(o: Override, value?: Element): string {
  const v = value ?? o.value;
  if (v === undefined) return `${keyElement(o)}=null`;
  if (v.kind === 'choice' || v.kind === 'range' || v.kind === 'interval' || v.kind === 'glob') {
    throw new TypeError(`cannot render the ${v.kind} sweep of '${o.input}' as one value: pass one of its values`);
  }
  return `${keyElement(o)}=${renderValue(v)}`;
}
