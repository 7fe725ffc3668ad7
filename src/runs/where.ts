/**
 * `--where`: a small, safe expression language over runs (no `eval`).
 *
 *   expr       := or
 *   or         := and (('||' | 'or') and)*
 *   and        := not (('&&' | 'and') not)*
 *   not        := ('!' | 'not') not | '(' expr ')' | comparison
 *   comparison := KEY OP VALUE          OP: == = != > >= < <= ~ (glob) !~
 *   VALUE      := number | 'quoted' | "quoted" | bare word | true | false | null
 *
 * A key is a run field (`status`, `id`, `duration`, `started`, `commit`, `dirty`, `exit_code`,
 * `job`, `num`, `dir`), `config.KEY`, `result.KEY`, `choices.GROUP`, or a bare key looked up in
 * the resolved config, then the result, then the group choices:
 * `optimizer.lr>0.01`, `model.name==mlp`, `accuracy>=0.9`, `status==failed`, `optimizer==sgd`.
 * A comparison with a key the run does not have is false.
 */
import { TydraError } from '../errors.js';
import type { JsonValue } from '../runtime/run-record.js';
import { type RunEntry, liveState } from './run-entry.js';
import { parseDuration } from './durations.js';

export type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~';

export type WhereExpr =
  | { kind: 'and' | 'or'; left: WhereExpr; right: WhereExpr }
  | { kind: 'not'; expr: WhereExpr }
  | { kind: 'compare'; key: string; op: CompareOp; value: string; quoted: boolean; offset: number };

export class WhereSyntaxError extends TydraError {
  constructor(message: string, readonly text: string, readonly offset: number) {
    super(`Invalid --where expression: ${message}\n  ${text}\n  ${' '.repeat(offset)}^`, {
      hint: "write comparisons like 'optimizer.lr>0.01', 'model.name==mlp', 'status==failed', joined with && and ||",
    });
  }
}

type Token = { kind: 'key' | 'op' | 'value' | 'and' | 'or' | 'not' | 'lparen' | 'rparen' | 'end'; text: string; offset: number; quoted?: boolean };

const OPS: readonly string[] = ['==', '!=', '>=', '<=', '!~', '=', '>', '<', '~'];

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let expectValue = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (expectValue) {
      expectValue = false;
      if (c === "'" || c === '"') {
        const end = text.indexOf(c, i + 1);
        if (end < 0) throw new WhereSyntaxError('unterminated quoted value', text, i);
        tokens.push({ kind: 'value', text: text.slice(i + 1, end), offset: start, quoted: true });
        i = end + 1;
        continue;
      }
      if (/[=<>!~]/.test(c)) throw new WhereSyntaxError(`expected a value, got '${c}'`, text, i);
      while (i < text.length && !/[\s()&|]/.test(text[i] as string)) i++;
      if (i === start) throw new WhereSyntaxError('expected a value', text, i);
      tokens.push({ kind: 'value', text: text.slice(start, i), offset: start });
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, offset: i });
      i++;
      continue;
    }
    if (text.startsWith('&&', i) || text.startsWith('||', i)) {
      tokens.push({ kind: c === '&' ? 'and' : 'or', text: text.slice(i, i + 2), offset: i });
      i += 2;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op === '=' ? '==' : op, offset: i });
      i += op.length;
      expectValue = true;
      continue;
    }
    if (c === '!') {
      tokens.push({ kind: 'not', text: c, offset: i });
      i++;
      continue;
    }
    if (/\w/.test(c)) {
      while (i < text.length && /[\w.\-/@[\]]/.test(text[i] as string)) i++;
      const word = text.slice(start, i);
      const lower = word.toLowerCase();
      if (lower === 'and' || lower === 'or' || lower === 'not') tokens.push({ kind: lower, text: word, offset: start });
      else tokens.push({ kind: 'key', text: word, offset: start });
      continue;
    }
    throw new WhereSyntaxError(`unexpected '${c}'`, text, i);
  }
  if (expectValue) throw new WhereSyntaxError('expected a value', text, text.length);
  tokens.push({ kind: 'end', text: '', offset: text.length });
  return tokens;
}

/**
 * Parse a `--where` expression.
 * @example parseWhere('optimizer.lr>0.01 && status==completed')
 */
export function parseWhere(text: string): WhereExpr {
  const tokens = lex(text);
  let pos = 0;
  const peek = () => tokens[pos] as Token;
  const next = () => tokens[pos++] as Token;
  const or = (): WhereExpr => {
    let left = and();
    while (peek().kind === 'or') {
      next();
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): WhereExpr => {
    let left = unary();
    while (peek().kind === 'and') {
      next();
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  };
  const unary = (): WhereExpr => {
    const t = next();
    if (t.kind === 'not') return { kind: 'not', expr: unary() };
    if (t.kind === 'lparen') {
      const e = or();
      const close = next();
      if (close.kind !== 'rparen') throw new WhereSyntaxError("expected ')'", text, close.offset);
      return e;
    }
    if (t.kind !== 'key') throw new WhereSyntaxError(t.kind === 'end' ? 'expected a comparison' : `expected a key, got '${t.text}'`, text, t.offset);
    const op = next();
    if (op.kind !== 'op') throw new WhereSyntaxError(`expected an operator (==, !=, >, >=, <, <=, ~) after '${t.text}'`, text, op.offset);
    const value = next();
    return { kind: 'compare', key: t.text, op: op.text as CompareOp, value: value.text, quoted: value.quoted === true, offset: t.offset };
  };
  const e = or();
  const end = peek();
  if (end.kind !== 'end') throw new WhereSyntaxError(`unexpected '${end.text}'`, text, end.offset);
  return e;
}

function dig(value: JsonValue | undefined, keys: readonly string[]): JsonValue | undefined {
  let v = value;
  for (const k of keys) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = Array.isArray(v) ? (/^\d+$/.test(k) ? v[Number(k)] : undefined) : v[k];
  }
  return v;
}

function splitKeyPath(key: string): string[] {
  return key.replace(/\[(\d+)\]/g, '.$1').split('.').filter((k) => k !== '');
}

const isScalar = (v: JsonValue | undefined) => v !== undefined && (v === null || typeof v !== 'object');

/** The value a key names for a run (undefined when the run has no such key). */
export function fieldOf(run: RunEntry, key: string): JsonValue | undefined {
  switch (key) {
    case 'status':
      return liveState(run);
    case 'id':
      return run.id;
    case 'short_id':
      return run.shortId;
    case 'dir':
      return run.dir;
    case 'duration':
      return run.durationMs === null ? undefined : run.durationMs / 1000;
    case 'started':
      return run.startedAt ?? undefined;
    case 'ended':
      return run.endedAt ?? undefined;
    case 'exit_code':
      return run.exitCode ?? undefined;
    case 'commit':
      return run.git?.commit ?? undefined;
    case 'branch':
      return run.git?.branch ?? undefined;
    case 'dirty':
      return run.git ? run.git.dirty : undefined;
    case 'job':
      return run.jobName ?? undefined;
    case 'num':
      return run.sweep?.num ?? undefined;
    case 'sweep':
      return run.sweep?.dir ?? undefined;
    case 'error':
      return run.error ?? undefined;
    case 'overrides':
      return run.overrides;
  }
  const keys = splitKeyPath(key);
  const [head, ...rest] = keys;
  if (head === 'config') return dig(run.config, rest);
  if (head === 'result' || head === 'metrics') return dig(run.result, rest);
  if (head === 'choices') return run.choices[rest.join('.')] ?? undefined;
  const fromConfig = dig(run.config, keys);
  if (isScalar(fromConfig)) return fromConfig;
  const fromResult = dig(run.result, keys);
  if (fromResult !== undefined) return fromResult;
  if (key in run.choices) return run.choices[key] ?? null;
  return fromConfig;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

function asNumber(v: JsonValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function compareScalar(lhs: JsonValue, op: CompareOp, rhs: string, quoted: boolean, key: string): boolean {
  if (op === '~' || op === '!~') {
    const hit = globToRegExp(rhs).test(lhs === null ? 'null' : String(lhs));
    return op === '~' ? hit : !hit;
  }
  let a: number | string | boolean | null = lhs as number | string | boolean | null;
  let b: number | string | boolean | null = rhs;
  if (!quoted && (rhs === 'true' || rhs === 'false') && typeof lhs === 'boolean') b = rhs === 'true';
  else if (!quoted && rhs === 'null') b = null;
  else {
    const dur = key === 'duration' && !quoted ? parseDuration(rhs) : undefined;
    const rn = dur !== undefined ? dur / 1000 : quoted ? undefined : asNumber(rhs);
    const ln = lhs === null ? undefined : asNumber(lhs);
    if (rn !== undefined && ln !== undefined) {
      a = ln;
      b = rn;
    } else {
      a = lhs === null ? 'null' : String(lhs);
      b = rhs;
    }
  }
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a !== null && b !== null && a > b;
    case '>=':
      return a !== null && b !== null && a >= b;
    case '<':
      return a !== null && b !== null && a < b;
    case '<=':
      return a !== null && b !== null && a <= b;
    default:
      return false;
  }
}

/** Evaluate an expression for one run. */
export function evaluateWhere(e: WhereExpr, run: RunEntry): boolean {
  switch (e.kind) {
    case 'and':
      return evaluateWhere(e.left, run) && evaluateWhere(e.right, run);
    case 'or':
      return evaluateWhere(e.left, run) || evaluateWhere(e.right, run);
    case 'not':
      return !evaluateWhere(e.expr, run);
    case 'compare': {
      const v = fieldOf(run, e.key);
      if (v === undefined) return false;
      if (Array.isArray(v)) {
        const any = v.some((x) => isScalar(x) && compareScalar(x, e.op === '!=' ? '==' : e.op === '!~' ? '~' : e.op, e.value, e.quoted, e.key));
        return e.op === '!=' || e.op === '!~' ? !any : any;
      }
      if (!isScalar(v)) return false;
      return compareScalar(v, e.op, e.value, e.quoted, e.key);
    }
  }
}

/** The keys an expression compares. */
export function keysOf(e: WhereExpr): string[] {
  if (e.kind === 'compare') return [e.key];
  if (e.kind === 'not') return keysOf(e.expr);
  return [...keysOf(e.left), ...keysOf(e.right)];
}

/** Every key a run can be filtered on (for "did you mean"). */
export function knownKeys(run: RunEntry): string[] {
  const out = ['status', 'id', 'short_id', 'dir', 'duration', 'started', 'ended', 'exit_code', 'commit', 'branch', 'dirty', 'job', 'num', 'sweep', 'error', 'overrides'];
  const flatten = (v: JsonValue, prefix: string) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k}` : k);
    } else if (prefix) out.push(prefix);
  };
  flatten(run.config, '');
  flatten(run.result, '');
  out.push(...Object.keys(run.choices));
  return out;
}
