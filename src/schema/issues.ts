/**
 * zod issues → config issues: each names the full key, the value, what was expected, and where
 * the value came from in the composition (file:line:col, the override, or the `${...}` it came
 * through). Worded from the issue's data, not zod's message, so the text does not depend on the
 * zod locale (zod/mini has none).
 */
import type { Composition } from '../compose/compose.js';
import { formatKeyPath } from '../config/errors.js';
import { MISSING } from '../config/nodes.js';
import { describeSource } from '../config/source.js';
import { closestMatch } from '../errors.js';
import type { ConfigIssue } from './errors.js';
import { type KeyPath, describeOrigin, lookup } from './provenance.js';
import { knownKeys } from './schema-tree.js';
import type { ConfigSchema } from './types.js';

/** A zod 4 issue, read structurally (classic and mini issues have the same data). */
export interface RawIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly [field: string]: unknown;
}

export interface IssueContext {
  composition: Composition;
  /** The job config that was validated (plain data, absolute paths). */
  data: unknown;
  /** Where the validated value sits in `data` (a stored schema's package). */
  base: (string | number)[];
  /** The schema that was run (for "did you mean"). */
  schema: ConfigSchema;
  /** The stored schema's config path; undefined for the `schema` option. */
  label?: string;
}

const ABSENT = Symbol('absent');

function valueAt(data: unknown, path: KeyPath): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v as object, String(k))) return ABSENT;
    v = (v as Record<string, unknown>)[String(k)];
  }
  return v;
}

/** A value as an issue shows it: strings quoted, containers by kind. */
export function renderValue(v: unknown): string {
  if (v === ABSENT || v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : 'a list';
  if (typeof v === 'object') return Object.keys(v as object).length === 0 ? 'an empty mapping' : 'a mapping';
  return String(v);
}

function literal(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : typeof v === 'bigint' ? `${v}` : String(v);
}

function toKeyPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((k) => (typeof k === 'number' ? k : String(k)));
}

function limitPhrase(issue: RawIssue, big: boolean): string {
  const origin = String(issue.origin ?? 'value');
  const limit = big ? issue.maximum : issue.minimum;
  const exact = issue.exact === true;
  const n = literal(limit);
  if (origin === 'string') return exact ? `a string of exactly ${n} characters` : `a string of at ${big ? 'most' : 'least'} ${n} characters`;
  if (origin === 'array' || origin === 'set') return exact ? `a list of exactly ${n} items` : `a list of at ${big ? 'most' : 'least'} ${n} items`;
  const op = big ? (issue.inclusive === false ? '<' : '<=') : issue.inclusive === false ? '>' : '>=';
  return `${origin} ${op} ${n}`;
}

/** What an issue says was expected, when it says so; undefined for custom checks. */
export function expectedOf(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return String(issue.expected);
    case 'invalid_value': {
      const values = (issue.values as unknown[] | undefined) ?? [];
      return values.map(literal).join(' | ');
    }
    case 'too_big':
      return limitPhrase(issue, true);
    case 'too_small':
      return limitPhrase(issue, false);
    case 'not_multiple_of':
      return `a multiple of ${literal(issue.divisor)}`;
    case 'invalid_format': {
      const format = String(issue.format);
      if (format === 'regex') return `a string matching ${String(issue.pattern)}`;
      if (format === 'starts_with') return `a string starting with ${JSON.stringify(issue.prefix)}`;
      if (format === 'ends_with') return `a string ending with ${JSON.stringify(issue.suffix)}`;
      if (format === 'includes') return `a string including ${JSON.stringify(issue.includes)}`;
      return `a valid ${format}`;
    }
    case 'invalid_union': {
      if (Array.isArray(issue.options)) return (issue.options as unknown[]).map(literal).join(' | ');
      // `z.union([...], { error: 'expected int' })`: a custom message that names the type.
      if (issue.message.startsWith('expected ')) return issue.message.slice('expected '.length);
      const branches = (issue.errors as RawIssue[][] | undefined) ?? [];
      // A union of scalars: every option failed at the value itself.
      if (branches.length > 0 && branches.every((b) => b.length > 0 && b.every((i) => i.path.length === 0))) {
        const parts = new Set<string>();
        for (const b of branches) for (const i of b) parts.add(expectedOf(i) ?? i.message);
        return [...parts].join(' | ');
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

interface Whence {
  source?: string;
  origin?: ConfigIssue['origin'];
  note?: string;
  /** The tree holds `???` there (the schema saw the key as absent). */
  missing: boolean;
}

function whence(ctx: IssueContext, path: (string | number)[], value: unknown): Whence {
  const found = lookup(ctx.composition, path);
  if (found.found) {
    const o = found.origin;
    const source = describeOrigin(o);
    return { source, origin: o.source, note: o.missing ? `missing mandatory value, from ${source}` : `from ${source}`, missing: o.missing };
  }
  if (value !== ABSENT) return { source: 'schema default', note: 'from a schema default', missing: false };
  const parent = found.ancestor?.src;
  if (!parent || found.ancestorPath.length === 0) return { missing: false };
  const where = describeSource(parent);
  return { source: where, origin: parent, note: `not set in ${formatKeyPath(found.ancestorPath)} from ${where}`, missing: false };
}

function issueAt(ctx: IssueContext, raw: RawIssue, path: (string | number)[], body: { expected?: string; text?: string; hint?: string }): ConfigIssue {
  const value = valueAt(ctx.data, path);
  const { source, origin, note, missing } = whence(ctx, path, value);
  const received = missing || value === MISSING ? MISSING : renderValue(value);
  const key = path.length === 0 ? '<root>' : formatKeyPath(path);
  let what = body.text ?? (body.expected !== undefined ? `expected ${body.expected}, got ${received}` : `${raw.message}, got ${received}`);
  if (body.hint) what += ` (${body.hint})`;
  const issue: ConfigIssue = {
    path,
    key,
    code: raw.code,
    message: `${key}: ${what}${note ? ` (${note})` : ''}`,
    expected: body.expected,
    received,
    source,
  };
  if (origin) issue.origin = origin;
  if (ctx.label !== undefined) issue.schema = ctx.label;
  if (body.hint) issue.hint = body.hint;
  return issue;
}

/** Convert the issues of one `safeParse` of the value at `ctx.base`. */
export function toConfigIssues(issues: readonly RawIssue[], ctx: IssueContext, base: (string | number)[] = ctx.base): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const raw of issues) {
    let path = [...base, ...toKeyPath(raw.path)];
    switch (raw.code) {
      case 'unrecognized_keys': {
        const rel = path.slice(ctx.base.length);
        const known = knownKeys(ctx.schema, rel, valueAt(ctx.data, ctx.base));
        for (const k of (raw.keys as string[] | undefined) ?? []) {
          const m = closestMatch(k, known);
          const hint = m ? `did you mean '${m}'?` : known.length > 0 && known.length <= 8 ? `known keys: ${known.join(', ')}` : undefined;
          out.push(issueAt(ctx, raw, [...path, k], { text: 'unknown key', hint }));
        }
        break;
      }
      case 'invalid_union': {
        const expected = expectedOf(raw);
        if (expected !== undefined) {
          // Older zod reports a bad discriminator at the union; point at the discriminator key.
          const d = raw.discriminator;
          if (typeof d === 'string' && path[path.length - 1] !== d) path = [...path, d];
          out.push(issueAt(ctx, raw, path, { expected }));
          break;
        }
        // No option matched: report the option that came closest (fewest issues).
        const branches = ((raw.errors as RawIssue[][] | undefined) ?? []).filter((b) => b.length > 0);
        if (branches.length === 0) {
          out.push(issueAt(ctx, raw, path, { text: 'matches none of the options' }));
          break;
        }
        const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
        out.push(...toConfigIssues(best, ctx, path));
        break;
      }
      default:
        out.push(issueAt(ctx, raw, path, { expected: expectedOf(raw) }));
    }
  }
  return out;
}
