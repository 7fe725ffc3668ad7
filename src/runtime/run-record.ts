/**
 * `run.json`: the status of one run, written when it starts and rewritten when it ends.
 *
 * Every write is atomic, so a reader (`tydra runs ls`, a sweep collecting results) always sees
 * a whole record. A run that died without finishing stays `running` with its `pid` and
 * `hostname`, which is enough to tell a crash from a live run. The first finish wins, so an exit
 * handler can call {@link finishRunSync} as a safety net without overwriting a real outcome.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { writeJsonAtomic, writeJsonAtomicSync } from './atomic-write.js';

/** The file name {@link startRun} and {@link finishRun} write. */
export const RUN_RECORD_FILE = 'run.json';

/** A value that survives `JSON.stringify` → `JSON.parse` unchanged. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Where a run is in its life. */
export type RunStatus = 'running' | 'completed' | 'failed';

/** An error as data: what was thrown, with its cause chain. */
export interface RunError {
  name: string;
  message: string;
  stack: string | null;
  /** `error.code` when it is a string or number (`ENOENT`, `ERR_…`). */
  code?: string | number;
  /** `error.cause`, converted the same way (up to 5 levels). */
  cause?: RunError;
}

/** Why a result was not recorded. */
export interface NotSerialisable {
  serialisable: false;
  /** The type of the whole value: `'object'`, `'Array'`, `'function'`, a class name like `'Map'`. */
  type: string;
  /** What could not be written and where, e.g. `class instance (Model) at $.model`. */
  reason: string;
  /** JSONPath-like location of the first problem, e.g. `$.model` or `$[2]`. */
  path: string;
}

/** What {@link toJsonSafe} returns. */
export type JsonSafe = { serialisable: true; value: JsonValue } | NotSerialisable;

/** The content of `run.json`. */
export interface RunRecord {
  /** Format version of this record. */
  version: 1;
  status: RunStatus;
  /** The run id (see `createRunId`). */
  id: string;
  /** ISO 8601 start time. */
  startedAt: string;
  /** ISO 8601 end time, `null` while running. */
  endedAt: string | null;
  /** `endedAt - startedAt` (or the caller's own measurement), `null` while running. */
  durationMs: number | null;
  /** The process exit code the run asks for: 0 when completed, 1 when failed unless given. */
  exitCode: number | null;
  /** The task's return value when JSON can hold it (see {@link toJsonSafe}), else `null`. */
  result: JsonValue | null;
  /** Set instead of `result` when the return value could not be written. */
  resultNote: NotSerialisable | null;
  /** What the task threw, when it failed. */
  error: RunError | null;
  /** The process that owns the run, to tell a crashed `running` run from a live one. */
  pid: number;
  hostname: string;
}

/** What {@link startRun} needs to know. */
export interface RunStartInfo {
  id: string;
  /** Default: now. */
  startedAt?: Date | string;
  /** Default: `process.pid`. */
  pid?: number;
  /** Default: `os.hostname()`. */
  hostname?: string;
}

/** How a run ended. */
export type RunOutcome =
  | { status: 'completed'; result?: unknown; exitCode?: number; endedAt?: Date; durationMs?: number }
  | { status: 'failed'; error: unknown; exitCode?: number; endedAt?: Date; durationMs?: number };

/**
 * A fresh `running` record (pure).
 * @example newRunRecord({ id: createRunId() }).status // 'running'
 */
export function newRunRecord(info: RunStartInfo): RunRecord {
  const startedAt = info.startedAt === undefined ? new Date() : new Date(info.startedAt);
  return {
    version: 1,
    status: 'running',
    id: info.id,
    startedAt: startedAt.toISOString(),
    endedAt: null,
    durationMs: null,
    exitCode: null,
    result: null,
    resultNote: null,
    error: null,
    pid: info.pid ?? process.pid,
    hostname: info.hostname ?? os.hostname(),
  };
}

/**
 * The record after `outcome` (pure). A record that is already finished is returned unchanged:
 * the first finish wins.
 * @example completeRunRecord(record, { status: 'completed', result: { loss: 0.1 } }).result // { loss: 0.1 }
 */
export function completeRunRecord(record: RunRecord, outcome: RunOutcome): RunRecord {
  if (record.status !== 'running') return record;
  const endedAt = outcome.endedAt ?? new Date();
  const measured = endedAt.getTime() - Date.parse(record.startedAt);
  const base = {
    ...record,
    status: outcome.status,
    endedAt: endedAt.toISOString(),
    durationMs: outcome.durationMs ?? (Number.isFinite(measured) ? Math.max(0, measured) : null),
  };
  if (outcome.status === 'failed') {
    return { ...base, exitCode: outcome.exitCode ?? 1, error: toRunError(outcome.error) };
  }
  const safe = toJsonSafe(outcome.result);
  return {
    ...base,
    exitCode: outcome.exitCode ?? 0,
    result: safe.serialisable ? safe.value : null,
    resultNote: safe.serialisable ? null : safe,
  };
}

/**
 * Write `<dir>/run.json` with status `running` and return the record.
 * @example await startRun(join(runDir, '.run'), { id: runId })
 */
export async function startRun(dir: string, info: RunStartInfo): Promise<RunRecord> {
  const record = newRunRecord(info);
  await writeJsonAtomic(join(dir, RUN_RECORD_FILE), record);
  return record;
}

/**
 * Update `<dir>/run.json` with how the run ended (first finish wins) and return the record.
 * @example await finishRun(metaDir, { status: 'completed', result })
 */
export async function finishRun(dir: string, outcome: RunOutcome): Promise<RunRecord> {
  const record = await readRunRecord(dir);
  const next = completeRunRecord(record, outcome);
  if (next !== record) await writeJsonAtomic(join(dir, RUN_RECORD_FILE), next);
  return next;
}

/**
 * Synchronous {@link finishRun}, for `process.on('exit')` and fatal-signal handlers.
 * @example process.on('exit', (code) => finishRunSync(metaDir, { status: 'failed', error: `exit ${code}`, exitCode: code }))
 */
export function finishRunSync(dir: string, outcome: RunOutcome): RunRecord {
  const record = readRunRecordSync(dir);
  const next = completeRunRecord(record, outcome);
  if (next !== record) writeJsonAtomicSync(join(dir, RUN_RECORD_FILE), next);
  return next;
}

/**
 * Read `<dir>/run.json`. Throws when it is missing or not a run record.
 * @example (await readRunRecord(metaDir)).status
 */
export async function readRunRecord(dir: string): Promise<RunRecord> {
  const path = join(dir, RUN_RECORD_FILE);
  return parseRunRecord(await readFile(path, 'utf8'), path);
}

/**
 * Synchronous {@link readRunRecord}.
 * @example readRunRecordSync(metaDir).status
 */
export function readRunRecordSync(dir: string): RunRecord {
  const path = join(dir, RUN_RECORD_FILE);
  return parseRunRecord(readFileSync(path, 'utf8'), path);
}

function parseRunRecord(text: string, path: string): RunRecord {
  const value: unknown = JSON.parse(text);
  if (
    typeof value !== 'object' ||
    value === null ||
    !('status' in value) ||
    !['running', 'completed', 'failed'].includes(String(value.status)) ||
    !('startedAt' in value)
  ) {
    throw new Error(`${path} is not a run record`);
  }
  return value as RunRecord;
}

/**
 * Convert what was thrown into plain data, keeping `code` and the `cause` chain.
 * @example toRunError(new Error('boom')).message // 'boom'
 */
export function toRunError(thrown: unknown, depth = 0): RunError {
  if (typeof thrown === 'object' && thrown !== null && typeof (thrown as Error).message === 'string') {
    const error = thrown as Error & { code?: unknown };
    const out: RunError = {
      name: typeof error.name === 'string' ? error.name : 'Error',
      message: error.message,
      stack: typeof error.stack === 'string' ? error.stack : null,
    };
    if (typeof error.code === 'string' || typeof error.code === 'number') out.code = error.code;
    if (error.cause !== undefined && depth < 5) out.cause = toRunError(error.cause, depth + 1);
    return out;
  }
  const message =
    typeof thrown === 'string' ? thrown : inspect(thrown, { depth: 2, breakLength: Number.POSITIVE_INFINITY });
  return { name: 'NonError', message, stack: null };
}

const MAX_DEPTH = 1000;

/**
 * `value` as JSON data, or a note saying why it cannot be written (pure). JSON's own rules
 * apply where they lose nothing surprising: `toJSON()` is called (so a `Date` becomes its ISO
 * string), `undefined` is dropped from objects and is `null` in arrays and at the top level.
 * Numbers JSON cannot hold are written as strings (`NaN`, `Infinity`, `-Infinity`, BigInt
 * digits). Cycles, functions, symbols and class instances without `toJSON` (`Map`, `Set`, your
 * `Model`) make the whole value unserialisable.
 * @example toJsonSafe({ loss: NaN, at: new Date(0) }).value // { loss: 'NaN', at: '1970-01-01T00:00:00.000Z' }
 */
export function toJsonSafe(value: unknown): JsonSafe {
  const ancestors: object[] = [];
  const fail = (reason: string, path: string): NotSerialisable => {
    const note: NotSerialisable = { serialisable: false, type: typeName(value), reason: `${reason} at ${path}`, path };
    NOTES.add(note);
    return note;
  };

  type Converted = JsonValue | undefined | NotSerialisable;
  const convert = (current: unknown, key: string, path: string, depth: number): Converted => {
    if (depth > MAX_DEPTH) return fail(`nested deeper than ${MAX_DEPTH} levels`, path);
    if (hasToJson(current)) current = (current as { toJSON: (key: string) => unknown }).toJSON(key);
    switch (typeof current) {
      case 'undefined':
        return undefined;
      case 'boolean':
      case 'string':
        return current;
      case 'number':
        return Number.isFinite(current) ? current : String(current);
      case 'bigint':
        return current.toString();
      case 'function':
        return fail(`function${current.name ? ` ${current.name}` : ''}`, path);
      case 'symbol':
        return fail('symbol', path);
    }
    if (current === null) return null;
    const object = current as object;
    if (ancestors.includes(object)) return fail('cycle', path);
    if (Array.isArray(object)) {
      ancestors.push(object);
      const out: JsonValue[] = [];
      for (let i = 0; i < object.length; i++) {
        const item = convert(object[i], String(i), `${path}[${i}]`, depth + 1);
        if (isNote(item)) return item;
        out.push(item === undefined ? null : item);
      }
      ancestors.pop();
      return out;
    }
    if (!isPlainObject(object)) return fail(`class instance (${typeName(object)})`, path);
    ancestors.push(object);
    const out: { [key: string]: JsonValue } = {};
    for (const [name, child] of Object.entries(object)) {
      const item = convert(child, name, childPath(path, name), depth + 1);
      if (isNote(item)) return item;
      if (item !== undefined) out[name] = item;
    }
    ancestors.pop();
    return out;
  };

  try {
    const converted = convert(value, '', '$', 0);
    if (isNote(converted)) return converted;
    return { serialisable: true, value: converted === undefined ? null : converted };
  } catch (error) {
    // A throwing getter, toJSON or Proxy trap; the stack overflow of absurd nesting lands here too.
    return fail(`threw while reading (${toRunError(error).message})`, '$');
  }
}

function hasToJson(value: unknown): boolean {
  return (
    (typeof value === 'object' || typeof value === 'bigint') &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}

function isNote(value: unknown): value is NotSerialisable {
  return typeof value === 'object' && value !== null && NOTES.has(value);
}

// Notes are tracked by identity so that user data shaped like a note is never mistaken for one.
const NOTES = new WeakSet<object>();

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === null || proto === Object.prototype) return true;
  // Plain objects from another realm (vm contexts, worker messages) have their own Object.prototype.
  const constructorName = (proto as { constructor?: { name?: string } }).constructor?.name;
  return Object.getPrototypeOf(proto) === null && constructorName === 'Object';
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value !== 'object') return typeof value;
  if (isPlainObject(value)) return 'object';
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'object';
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
