/**
 * fast-check generators of config-like YAML documents: a random value tree, printed in one of
 * several styles (indentation, sequence placement, flow or block collections, quoting, block
 * scalars, comments, blank lines, multi-line plain scalars, CRLF). The printer does not aim to
 * round-trip values; it aims at realistic, mostly valid text for the differential tests.
 */
import fc from 'fast-check';

export type Value = string | Value[] | { entries: [string, Value][] };

const identifier = fc.stringMatching(/^[a-z_][a-z0-9_]{0,9}$/);

const oddKey = fc.constantFrom(
  'a b', 'yes', 'no', 'on', 'y', '1', '0x1f', '017', '1e3', 'null', '~', 'true', 'key: x', '#k', 'k#x', 'k #x',
  '-k', '?k', ':k', 'é', 'ключ', '${x}', 'x.y', 'x-y', 'x/y', "it's", 'say "hi"', '[k]', '{k}', 'k,', '_self_',
  'optional db', 'override hydra/launcher', '@k', '%k', '=', 'Null', '.inf',
);

const key = fc.oneof({ weight: 12, arbitrary: identifier }, { weight: 1, arbitrary: oddKey });

const word = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,7}$/);

const scalar: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -100000, max: 100000 }).map(String) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '1e3', '1e-3', '1_000', '0x1F', '017', '0o17', '0b101', '1:30', '.5', '1.', '+1', '-.inf', '.NaN', '08',
      '12345678901234567890', '6.8523015e+5', '2024-01-01', '???', '~', 'null', '', 'true', 'False', 'yes', 'no',
      'on', 'OFF', 'y', 'n', '-', '--', '---', '...', '-1', '=', '<<', '0', '-0', '1e', 'e3',
    ),
  },
  { weight: 4, arbitrary: fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '${a.b}', '${oc.env:HOME,/tmp}', '${..x}', '${oc.select:nope,"x,y"}', "${oc.select:nope,'a:b'}", '${a}-${b}',
      '/abs/path/to/file.txt', 'relative/dir', 'http://example.com:8080/x?y=1#frag', 'C:\\Users\\x', 'epoch_{epoch:03d}',
      'a: b', 'a #b', 'a#b', '#a', 'a:', ':a', '[a, b]', '{a: 1}', '"q"', "'q'", "it's", 'say "hi"', '&a', '*a', '!a',
      '|x', '>x', '%x', '@x', '`x', '?x', '? x', '- x', ',x', 'x,', ' lead', 'trail ', 'two  spaces', 'héllo wörld ✓',
      '日本語', '😀 emoji', 'tab\there', 'back\\slash', 'a\u00a0b', 'a: b # c',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.oneof(word, fc.constant(''), fc.constant('  indented'), fc.constant('# hash line')), {
        minLength: 1,
        maxLength: 4,
      })
      .chain((lines) => fc.constantFrom('', '\n', '\n\n').map((end) => lines.join('\n') + end)),
  },
);

export const valueTree: fc.Arbitrary<Value> = fc.letrec<{ value: Value; map: Value; seq: Value }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('seq')),
  map: fc
    .uniqueArray(fc.tuple(key, tie('value')), { minLength: 0, maxLength: 5, selector: ([k]) => k })
    .map((entries) => ({ entries })),
  seq: fc.array(tie('value'), { minLength: 0, maxLength: 4 }),
})).value;

/** A config: a map at the top (sometimes a sequence). */
export const configTree: fc.Arbitrary<Value> = fc.oneof(
  { weight: 9, arbitrary: fc.uniqueArray(fc.tuple(key, valueTree), { minLength: 1, maxLength: 7, selector: ([k]) => k }).map((entries) => ({ entries })) },
  { weight: 1, arbitrary: fc.array(valueTree, { minLength: 1, maxLength: 4 }) },
);

/** Printing choices, drawn once per document, plus a random stream for per-node choices. */
export interface Style {
  step: number;
  /** `key:\n- x` instead of `key:\n  - x`. */
  seqAtKeyColumn: boolean;
  /** Chance to print a collection in flow style. */
  flow: number;
  /** Chance to spread a flow collection over several lines. */
  multilineFlow: number;
  /** Chance to quote a scalar that could be plain. */
  quote: number;
  comments: number;
  blankLines: number;
  /** Chance to fold a long plain scalar over several lines. */
  foldPlain: number;
  docStart: boolean;
  finalNewline: boolean;
  crlf: boolean;
  rand: () => number;
}

export const style: fc.Arbitrary<Style> = fc
  .record({
    step: fc.constantFrom(2, 2, 4, 3, 1),
    seqAtKeyColumn: fc.boolean(),
    flow: fc.constantFrom(0, 0.2, 0.5),
    multilineFlow: fc.constantFrom(0, 0.3),
    quote: fc.constantFrom(0, 0.2, 0.6),
    comments: fc.constantFrom(0, 0.1, 0.3),
    blankLines: fc.constantFrom(0, 0.1, 0.3),
    foldPlain: fc.constantFrom(0, 0.3),
    docStart: fc.boolean(),
    finalNewline: fc.boolean(),
    crlf: fc.constantFrom(false, false, false, true),
    seed: fc.integer(),
  })
  .map(({ seed, ...rest }) => ({ ...rest, rand: mulberry32(seed) }));

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** Whether `s` can be printed as a plain scalar (conservatively; flow context is stricter). */
function plainOk(s: string, inFlow: boolean): boolean {
  if (s === '' || /^[ ]|[ ]$/.test(s) || /[\n\t\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s)) return false;
  if (INDICATOR_START.test(s) && !/^(?:-[^ ,[\]{}]|\?\?\?)/.test(s)) return false;
  if (/: |:$| #/.test(s)) return false;
  if (s === '---' || s === '...' || s.startsWith('--- ') || s.startsWith('... ')) return false;
  if (inFlow && /[,[\]{}:?#]/.test(s)) return false;
  return true;
}

function doubleQuoted(s: string): string {
  return JSON.stringify(s).replace(/[\u2028\u2029\u0085]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function quoted(s: string, st: Style): string {
  if (!/[\n\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s) && st.rand() < 0.5) return `'${s.replace(/'/g, "''")}'`;
  return doubleQuoted(s);
}

function scalarText(s: string, st: Style, inFlow: boolean): string {
  if (plainOk(s, inFlow) && st.rand() >= st.quote) return s;
  return quoted(s, st);
}

function keyText(k: string, st: Style, inFlow: boolean): string {
  if (plainOk(k, inFlow) && k !== '<<' && st.rand() >= st.quote / 2) return k;
  return quoted(k, st);
}

function comment(st: Style): string {
  return st.rand() < st.comments ? ` # ${['note', 'x: y', '#', "it's", '- item'][Math.floor(st.rand() * 5)]}` : '';
}

function isCollection(v: Value): v is Value[] | { entries: [string, Value][] } {
  return typeof v !== 'string';
}

function flowText(v: Value, st: Style, indent: number, parentCol: number): string {
  if (typeof v === 'string') return scalarText(v, st, true);
  const multiline = st.rand() < st.multilineFlow;
  const inner = indent + st.step;
  const items = Array.isArray(v)
    ? v.map((x) => flowText(x, st, inner, parentCol))
    : v.entries.map(([k, x]) => `${keyText(k, st, true)}: ${flowText(x, st, inner, parentCol)}`);
  const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
  if (!multiline || items.length === 0) return `${open}${items.join(', ')}${close}`;
  const pad = ' '.repeat(Math.max(inner, parentCol + 1));
  const trailing = st.rand() < 0.3 ? ',' : '';
  const closePad = ' '.repeat(Math.max(indent, parentCol));
  return `${open}\n${items.map((x) => pad + x).join(',\n')}${trailing}\n${closePad}${close}`;
}

/** The text after `key:` or `- ` for a scalar; `col` is the enclosing block collection's column. */
function scalarValue(s: string, st: Style, col: number): string {
  if (s.includes('\n') && st.rand() < 0.8) {
    const chomp = s.endsWith('\n\n') ? '+' : s.endsWith('\n') ? '' : '-';
    const folded = st.rand() < 0.3 ? '>' : '|';
    const pad = ' '.repeat(col + st.step);
    const body = (s.endsWith('\n') ? s.replace(/\n+$/, '') : s).split('\n');
    if (body[0]!.startsWith(' ') || body[0] === '') return doubleQuoted(s);
    const lines = body.map((line) => (line === '' ? (st.rand() < 0.2 ? pad : '') : pad + line));
    const trail = chomp === '+' ? '\n' : '';
    return `${folded}${chomp}${comment(st)}\n${lines.join('\n')}${trail}`;
  }
  const text = scalarText(s, st, false);
  if (text === s && s.includes(' ') && st.rand() < st.foldPlain) {
    const pad = ' '.repeat(col + st.step);
    const words = s.split(' ');
    return words.map((w, i) => (i === 0 ? w : (st.rand() < 0.5 ? ' ' : `\n${st.rand() < 0.3 ? '\n' : ''}${pad}`) + w)).join('');
  }
  return text + comment(st);
}

function blockLines(v: Value, st: Style, col: number, out: string[]): void {
  const pad = ' '.repeat(col);
  const between = (): void => {
    if (st.rand() < st.blankLines) out.push(st.rand() < 0.3 ? ' '.repeat(Math.floor(st.rand() * 6)) : '');
    if (st.rand() < st.comments / 2) out.push(`${' '.repeat(Math.floor(st.rand() * (col + 3)))}# comment`);
  };
  if (Array.isArray(v)) {
    for (const item of v) {
      between();
      out.push(...seqItem(item, st, col).map((line, i) => (i === 0 ? `${pad}- ${line}` : line)));
    }
    return;
  }
  if (typeof v === 'string') throw new Error('block scalar at top');
  for (const [k, x] of v.entries) {
    between();
    const head = `${pad}${keyText(k, st, false)}:`;
    if (!isCollection(x)) {
      out.push(`${head} ${scalarValue(x, st, col)}`);
    } else if (isEmpty(x) || st.rand() < st.flow) {
      out.push(`${head} ${flowText(x, st, col, col)}${comment(st)}`);
    } else {
      out.push(head + comment(st));
      const childCol = Array.isArray(x) && st.seqAtKeyColumn ? col : col + st.step;
      blockLines(x, st, childCol, out);
    }
  }
}

function isEmpty(v: Value[] | { entries: [string, Value][] }): boolean {
  return Array.isArray(v) ? v.length === 0 : v.entries.length === 0;
}

/** Lines of one sequence item: the first goes after `- `, the rest are complete lines. */
function seqItem(item: Value, st: Style, col: number): string[] {
  if (!isCollection(item)) return scalarValue(item, st, col).split('\n');
  if (isEmpty(item) || st.rand() < st.flow) return [flowText(item, st, col, col) + comment(st)];
  const out: string[] = [];
  if (st.rand() < 0.7) {
    // Compact: the collection starts on the dash line, at column col + 2.
    blockLines(item, st, col + 2, out);
    const first = out.findIndex((line) => line.trim() !== '' && !line.trim().startsWith('#'));
    const lines = out.slice(first);
    return [lines[0]!.slice(col + 2), ...lines.slice(1)];
  }
  blockLines(item, st, col + Math.max(st.step, 1), out);
  return [comment(st).trim(), ...out];
}

/** Prints a config tree as YAML text in the given style. */
export function printYaml(v: Value, st: Style): string {
  const out: string[] = [];
  if (st.rand() < st.comments) out.push('# header comment');
  if (st.docStart) out.push('---');
  blockLines(v, st, 0, out);
  let text = out.join('\n') + (st.finalNewline ? '\n' : '');
  if (st.crlf) text = text.replace(/\n/g, '\r\n');
  return text;
}

export const configDocument: fc.Arbitrary<string> = fc.tuple(configTree, style).map(([v, st]) => printYaml(v, st));

const MUTATION_CHARS = [':', ' ', '-', '#', "'", '"', '[', ']', '{', '}', ',', '|', '>', '&', '*', '!', '?', '\n', '\t', '\\', '%', '@', '.', '<<', '---', '...', '\r', 'x', '0', '\ufeff', '\u2028', '\u0085'];

/** A config document with a few random edits: exercises every bail-out and error path. */
export const mutatedDocument: fc.Arbitrary<string> = fc
  .tuple(
    configDocument,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'duplicate-line', 'indent'), fc.constantFrom(...MUTATION_CHARS)), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([text, edits]) => {
    let t = text;
    for (const [n, kind, ch] of edits) {
      const at = t.length === 0 ? 0 : n % (t.length + 1);
      if (kind === 'insert') t = t.slice(0, at) + ch + t.slice(at);
      else if (kind === 'delete') t = t.slice(0, at) + t.slice(at + 1);
      else {
        const start = t.lastIndexOf('\n', at - 1) + 1;
        const endNl = t.indexOf('\n', at);
        const end = endNl < 0 ? t.length : endNl;
        const line = t.slice(start, end);
        t = kind === 'indent' ? `${t.slice(0, start)} ${t.slice(start)}` : `${t.slice(0, end)}\n${line}${t.slice(end)}`;
      }
    }
    return t;
  });

/** Documents using the features only the slow path handles: anchors, aliases, merges, tags. */
export const exoticDocument: fc.Arbitrary<string> = fc.constantFrom(
  'base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n',
  'a: &x [1, 2]\nb: *x\n',
  'a: !!str 1\nb: !!int "2"\n',
  'a: &a\n  k: v\nb:\n  <<: [*a, {k: w, z: 1}]\n',
  '%YAML 1.1\n---\na: 1\n',
  'a: 1\n...\n',
  '? complex\n: key\n',
);

const LINE_POOL = [
  'a:', 'b: 1', 'c: x y', '- x', '-', '- ', '- a: 1', '- - y', '', '   ', '# c', 'k: |', 'k: >', 'k: |-', 'k: >+',
  'k: | # h', 'text', 'more text', '# not comment?', 'k: [1,', '2]', '2,', ']', '}', 'k: {x: 1,', 'y: 2}', 'k: [',
  'k: "q"', "k: 'q'", '"k": v', 'k: v # c', 'k:  ', 'k: ???', 'k: ${a.b}', '---', '...', 'x: y: z', 'k: - v',
  '? k', ': v', 'k: &a 1', 'k: *a', '<<: {z: 0}', 'k: !!str 1', 'k: a:b', 'k: a #b', '[a, b]', '{a: 1}', 'k: []',
  '- [a,', '  b]', 'k: "a', 'b"', "k: 'a", "b'", 'a: 1', 'a: 2', '1: x', 'true: y', 'k: |2', ' x', '  y', 'z',
];

/** Short documents made of random YAML-ish lines at random indentations: structural edge cases. */
export const lineSoupDocument: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.tuple(fc.nat({ max: 6 }), fc.constantFrom(...LINE_POOL), fc.constantFrom('', '', '', '  ')), {
      minLength: 1,
      maxLength: 10,
    }),
    fc.constantFrom('', '\n', '\n\n'),
    fc.constantFrom('\n', '\n', '\n', '\r\n'),
  )
  .map(([lines, end, nl]) => lines.map(([n, line, trail]) => ' '.repeat(n) + line + trail).join(nl) + end);
