import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  completeRunRecord,
  finishRun,
  finishRunSync,
  newRunRecord,
  readRunRecord,
  readRunRecordSync,
  RUN_RECORD_FILE,
  type RunRecord,
  startRun,
  toRunError,
} from '../../src/runtime/run-record.js';

const tempDir = () => mkdtempSync(join(os.tmpdir(), 'tydra-record-'));
const readJson = (dir: string) => JSON.parse(readFileSync(join(dir, RUN_RECORD_FILE), 'utf8')) as RunRecord;
const START = new Date('2024-05-01T12:00:00.000Z');
const END = new Date('2024-05-01T12:00:01.500Z');

describe('startRun', () => {
  it('writes run.json with status running and the start time', async () => {
    const dir = tempDir();
    const record = await startRun(dir, { id: 'run-1', startedAt: START });
    expect(readJson(dir)).toEqual(record);
    expect(record).toEqual({
      version: 1,
      status: 'running',
      id: 'run-1',
      startedAt: '2024-05-01T12:00:00.000Z',
      endedAt: null,
      durationMs: null,
      exitCode: null,
      result: null,
      resultNote: null,
      error: null,
      pid: process.pid,
      hostname: os.hostname(),
    });
    expect(readdirSync(dir)).toEqual(['run.json']);
  });
});

describe('finishRun', () => {
  it('marks a run completed with its result, end time, duration and exit code 0', async () => {
    const dir = tempDir();
    await startRun(dir, { id: 'run-1', startedAt: START });
    const record = await finishRun(dir, { status: 'completed', result: { loss: 0.25, steps: 10 }, endedAt: END });
    expect(readJson(dir)).toEqual(record);
    expect(record).toMatchObject({
      status: 'completed',
      endedAt: '2024-05-01T12:00:01.500Z',
      durationMs: 1500,
      exitCode: 0,
      result: { loss: 0.25, steps: 10 },
      resultNote: null,
      error: null,
    });
  });

  it('marks a run failed with the error, its code and cause, and exit code 1', async () => {
    const dir = tempDir();
    await startRun(dir, { id: 'run-1', startedAt: START });
    const cause = Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
    const record = await finishRun(dir, { status: 'failed', error: new TypeError('bad config', { cause }), endedAt: END });
    expect(record).toMatchObject({
      status: 'failed',
      exitCode: 1,
      result: null,
      error: {
        name: 'TypeError',
        message: 'bad config',
        stack: expect.stringContaining('bad config'),
        cause: { name: 'Error', message: 'connection refused', code: 'ECONNREFUSED' },
      },
    });
    expect(readJson(dir)).toEqual(record);
  });

  it('records a result JSON cannot hold as a note with its type', async () => {
    const dir = tempDir();
    await startRun(dir, { id: 'run-1' });
    const record = await finishRun(dir, { status: 'completed', result: new Map() });
    expect(record.result).toBeNull();
    expect(record.resultNote).toEqual({ serialisable: false, type: 'Map', reason: 'class instance (Map) at $', path: '$' });
  });

  it('keeps the first outcome when a run is finished twice (exit handlers are a safety net)', async () => {
    const dir = tempDir();
    await startRun(dir, { id: 'run-1', startedAt: START });
    await finishRun(dir, { status: 'completed', result: 42, endedAt: END });
    const again = finishRunSync(dir, { status: 'failed', error: new Error('exit handler') });
    expect(again).toMatchObject({ status: 'completed', result: 42 });
    expect(readJson(dir)).toMatchObject({ status: 'completed', result: 42, error: null });
  });

  it('has a synchronous variant for exit handlers that honours a given exit code', () => {
    const dir = tempDir();
    writeFileSync(join(dir, RUN_RECORD_FILE), JSON.stringify(newRunRecord({ id: 'run-1', startedAt: START })));
    const record = finishRunSync(dir, { status: 'failed', error: 'SIGTERM', exitCode: 143, endedAt: END });
    expect(record).toMatchObject({ status: 'failed', exitCode: 143, error: { name: 'NonError', message: 'SIGTERM' } });
    expect(readRunRecordSync(dir)).toEqual(record);
  });

  it('throws when the run was never started', async () => {
    await expect(finishRun(tempDir(), { status: 'completed' })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('readRunRecord', () => {
  it('rejects a file that is not a run record', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, RUN_RECORD_FILE), '{"hello":"world"}');
    await expect(readRunRecord(dir)).rejects.toThrow(/is not a run record/);
  });
});

describe('completeRunRecord', () => {
  const running = newRunRecord({ id: 'r', startedAt: START, pid: 7, hostname: 'h' });

  it('is pure: the input record is not changed', () => {
    const copy = structuredClone(running);
    completeRunRecord(running, { status: 'completed', result: 1, endedAt: END });
    expect(running).toEqual(copy);
  });

  it('uses a measured duration when the caller has one', () => {
    expect(completeRunRecord(running, { status: 'completed', endedAt: END, durationMs: 1234.5 }).durationMs).toBe(1234.5);
  });

  it('records undefined (a task that returns nothing) as result null without a note', () => {
    expect(completeRunRecord(running, { status: 'completed' })).toMatchObject({ result: null, resultNote: null });
  });
});

describe('toRunError', () => {
  it('keeps name, message and stack of an Error', () => {
    const error = new RangeError('out of range');
    expect(toRunError(error)).toEqual({ name: 'RangeError', message: 'out of range', stack: error.stack });
  });

  it('describes a thrown non-Error', () => {
    expect(toRunError({ reason: 'x' })).toEqual({ name: 'NonError', message: "{ reason: 'x' }", stack: null });
    expect(toRunError(undefined)).toEqual({ name: 'NonError', message: 'undefined', stack: null });
  });

  it('stops following a cyclic cause chain after 5 levels', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    let depth = 0;
    for (let e: { cause?: unknown } | undefined = toRunError(a); e; e = e.cause as { cause?: unknown } | undefined) depth++;
    expect(depth).toBe(6);
  });
});
