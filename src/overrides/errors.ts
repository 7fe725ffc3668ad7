import { TydraError } from '../errors.js';

export interface OverrideParseErrorDetails {
  /** The override text. */
  override: string;
  /** 0-based offset (UTF-16 code units) of the offending character or token. */
  column: number;
  /** What the parser expected there: "',' or ']'", "a key", "an int or float". */
  expected: string;
  /** What it found, when there is something to show: "'='", "character 'é'", "end of input". */
  found?: string;
  /** The problem in words when it is not a plain syntax error ("range() step must not be zero"). */
  problem?: string;
  /** A suggestion ("quote the value or escape it: key='a=b' or key=a\=b"). */
  hint?: string;
}

/**
 * An override that is not valid Hydra 1.3 syntax, or whose function call fails (`range(0,5,0)`).
 * The message shows the text with a caret under the failing column:
 *
 * ```
 * Error parsing override 'db.port=[1,2'
 *   db.port=[1,2
 *               ^
 * expected ',' or ']' at column 13
 * ```
 * The message counts columns from 1; the `column` field counts from 0.
 */
export class OverrideParseError extends TydraError {
  readonly override: string;
  readonly column: number;
  readonly expected: string;
  readonly found?: string;
  readonly problem?: string;

  constructor(details: OverrideParseErrorDetails) {
    super(formatMessage(details), details.hint === undefined ? undefined : { hint: details.hint });
    this.override = details.override;
    this.column = details.column;
    this.expected = details.expected;
    if (details.found !== undefined) this.found = details.found;
    if (details.problem !== undefined) this.problem = details.problem;
  }
}

function formatMessage(d: OverrideParseErrorDetails): string {
  const shown = printable(d.override);
  const reason =
    d.problem ??
    (d.found === undefined || d.found === 'end of input' ? `expected ${d.expected}` : `expected ${d.expected}, found ${d.found}`);
  return `Error parsing override '${shown}'\n  ${shown}\n  ${caretPadding(d.override, d.column)}^\n${reason} at column ${d.column + 1}`;
}

/** The text on one line: control characters become their Unicode "control picture" (␤ for \n). */
function printable(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9) || c === 0x7f) {
      out += text.slice(from, i) + String.fromCharCode(c === 0x7f ? 0x2421 : 0x2400 + c);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Whitespace that puts a caret under `column`: tabs stay tabs, a surrogate pair is one column. */
function caretPadding(text: string, column: number): string {
  let pad = '';
  const end = Math.min(column, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const prev = text.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) continue;
    }
    pad += c === 9 ? '\t' : ' ';
  }
  return pad;
}
