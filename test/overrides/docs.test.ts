/**
 * Runs the examples of docs/overrides.md, so that the page cannot drift from the code.
 *
 * A `<!-- checked: KIND -->` comment marks the table or fenced block that follows it:
 * - `keys`: | Override | Kind | Key | Package |
 * - `values`: | Override | Type | Value | — the Value cell holds code spans: the scalar's value,
 *   a list or dict in Python notation, one span per value of a sweep as written in a job's
 *   overrides (globs expand against the options school, support, warehouse), `a <= x < b` for an
 *   interval, then `tags` and the tags.
 * - `jobs`: | Override | Job overrides | — one code span per job.
 * - `errors`: | Override | Column | Problem | — the last message line, without " at column N".
 * - `error-message`: a fenced block with the whole message, then `hint: ...` if there is one.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  expandSweep,
  keyElement,
  OverrideParseError,
  parseOverride,
  renderOverride,
  renderValue,
} from '../../src/overrides/index.js';
import type { Element, Override, Value } from '../../src/overrides/index.js';
import { floatRepr } from '../../src/python/float-repr.js';

const DOC = fileURLToPath(new URL('../../docs/overrides.md', import.meta.url));
const lines = readFileSync(DOC, 'utf8').split('\n');

interface Checked {
  kind: string;
  line: number;
  rows: string[][];
  block?: string;
}

/** Split a table row into cells (`\|` is a pipe inside a cell). */
function cells(row: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\' && row[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (row[i] === '|') {
      parts.push(cur);
      cur = '';
    } else cur += row[i];
  }
  parts.push(cur);
  return parts.slice(1, -1).map((c) => c.trim());
}

/** The contents of the code spans of a cell. */
function spans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]*)`/g)].map((m) => m[1] as string);
}

function collect(): Checked[] {
  const out: Checked[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^<!-- checked: ([a-z-]+) -->$/.exec(lines[i] as string);
    if (!m) continue;
    const kind = m[1] as string;
    if (kind === 'error-message') {
      let j = i + 1;
      expect(lines[j]).toMatch(/^```/);
      const body: string[] = [];
      for (j++; !(lines[j] as string).startsWith('```'); j++) body.push(lines[j] as string);
      out.push({ kind, line: i + 1, rows: [], block: body.join('\n') });
    } else {
      const rows: string[][] = [];
      for (let j = i + 3; j < lines.length && (lines[j] as string).startsWith('|'); j++) rows.push(cells(lines[j] as string));
      out.push({ kind, line: i + 1, rows });
    }
  }
  return out;
}

const sections = collect();
const of = (kind: string) => sections.filter((s) => s.kind === kind).flatMap((s) => s.rows.map((r) => [s.line, ...r] as [number, ...string[]]));

const GROUP = ['school', 'support', 'warehouse'];

/** Python's repr of a parsed value (lists and dicts in the Value column are shown this way). */
function pyRepr(v: Element): string {
  switch (v.kind) {
    case 'string': {
      const q = v.value.includes("'") && !v.value.includes('"') ? '"' : "'";
      return q + v.value.replace(/\\/g, '\\\\').replace(q === "'" ? /'/g : /"/g, `\\${q}`) + q;
    }
    case 'float':
      return floatRepr(v.value);
    case 'int':
      return String(v.value);
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'null':
      return 'None';
    case 'list':
      return `[${v.items.map(pyRepr).join(', ')}]`;
    case 'dict':
      return `{${v.entries.map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  }
}

function scalarText(v: Element): string {
  switch (v.kind) {
    case 'string':
      return v.value;
    case 'float':
      return floatRepr(v.value);
    case 'int':
    case 'bool':
      return String(v.value);
    case 'null':
      return 'null';
    default:
      return pyRepr(v);
  }
}

const TYPE: Record<string, string> = {
  int: 'int',
  float: 'float',
  bool: 'bool',
  null: 'null',
  list: 'list',
  dict: 'dict',
  choice: 'choice sweep',
  range: 'range sweep',
  interval: 'interval sweep',
  glob: 'glob sweep',
};

function typeName(v: Value | undefined): string {
  if (v === undefined) return 'no value';
  if (v.kind === 'string') return v.quote === undefined ? 'string' : 'quoted string';
  return TYPE[v.kind] as string;
}

/** The Value cell's spans for a parsed value. */
function describeValue(v: Value | undefined): string[] {
  if (v === undefined) return [];
  switch (v.kind) {
    case 'choice':
    case 'range':
    case 'glob':
      return [...expandSweep(v, { groupOptions: () => GROUP }).map(renderValue), ...(v.tags.length ? ['tags', ...v.tags] : [])];
    case 'interval':
      return [`${renderValue(v.start)} <= x < ${renderValue(v.end)}`, ...(v.tags.length ? ['tags', ...v.tags] : [])];
    case 'string':
      return v.value === '' ? [] : [v.value];
    default:
      return [scalarText(v)];
  }
}

function parseError(text: string): OverrideParseError {
  try {
    parseOverride(text);
  } catch (e) {
    if (e instanceof OverrideParseError) return e;
    throw e;
  }
  throw new Error(`'${text}' parsed without error`);
}

describe('docs/overrides.md', () => {
  it('has checked examples of every kind', () => {
    for (const kind of ['keys', 'values', 'jobs', 'errors', 'error-message']) expect(of(kind).length + sections.filter((s) => s.kind === kind && s.block).length).toBeGreaterThan(0);
    expect(of('values').length).toBeGreaterThan(80);
  });

  describe('keys', () => {
    it.each(of('keys'))('line %i: %s', (_line, override, kind, key, pkg) => {
      const o = parseOverride(spans(override as string)[0] as string);
      expect(o.kind).toBe(kind);
      expect(o.key).toBe(spans(key as string)[0]);
      const pkgSpans = spans(pkg as string);
      if (pkgSpans.length > 0) expect(o.package).toBe(pkgSpans[0]);
      else if ((pkg as string).startsWith('(empty')) expect(o.package).toBe('');
      else expect(o.package).toBeUndefined();
    });
  });

  describe('values', () => {
    it.each(of('values'))('line %i: %s', (_line, override, type, valueCell) => {
      const o: Override = parseOverride(spans(override as string)[0] as string);
      expect(typeName(o.value)).toBe(type);
      const cell = valueCell as string;
      const expected = cell.includes('`') ? [...cell.replace(/ tags /, ' `tags` ').matchAll(/`([^`]*)`/g)].map((m) => m[1]) : [];
      expect(describeValue(o.value)).toEqual(expected);
    });
  });

  describe('jobs', () => {
    it.each(of('jobs'))('line %i: %s', (_line, override, jobsCell) => {
      const o = parseOverride(spans(override as string)[0] as string);
      const written =
        o.value !== undefined && ['choice', 'range', 'glob'].includes(o.value.kind)
          ? expandSweep(o.value as Exclude<Value, Element>, { groupOptions: () => GROUP }).map((v) => renderOverride(o, v))
          : [renderOverride(o)];
      expect(written).toEqual(spans(jobsCell as string));
      expect(keyElement(o)).toBe((written[0] as string).slice(0, keyElement(o).length));
    });
  });

  describe('errors', () => {
    it.each(of('errors'))('line %i: %s', (_line, override, column, problem) => {
      const e = parseError(spans(override as string)[0] as string);
      expect(e.column + 1).toBe(Number(column));
      expect(e.message.split('\n').at(-1)).toBe(`${problem} at column ${column}`);
    });
  });

  describe('error messages', () => {
    it.each(sections.filter((s) => s.kind === 'error-message').map((s) => [s.line, s.block as string]))('line %i', (_line, block) => {
      const first = block.split('\n')[0] as string;
      const text = first.slice("Error parsing override '".length, -1);
      const e = parseError(text);
      expect(e.hint === undefined ? e.message : `${e.message}\nhint: ${e.hint}`).toBe(block);
    });
  });
});
