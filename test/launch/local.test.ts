import { describe, expect, it } from 'vitest';
import { outcome, slotCount } from '../../src/launch/local.js';

const job = { num: 3, overrides: ['a=1'] };
const end = (extra: Partial<Parameters<typeof outcome>[1]>) => ({
  written: undefined,
  stoppedAs: undefined,
  code: 0,
  signal: null,
  spawnError: undefined,
  startedAt: new Date(0),
  endedAt: new Date(1500),
  log: '/nonexistent/3.out',
  timeoutMs: 60_000,
  ...extra,
});

describe('the local launcher', () => {
  it('runs n_jobs at once: null is the cores, -1 all cores, -2 all but one', () => {
    expect(slotCount(null, 8)).toBe(8);
    expect(slotCount(3, 8)).toBe(3);
    expect(slotCount(-1, 8)).toBe(8);
    expect(slotCount(-2, 8)).toBe(7);
    expect(slotCount(-20, 8)).toBe(1);
    expect(() => slotCount(0, 8)).toThrow(/non-zero integer/);
  });

  it('takes the result the job wrote', () => {
    const written = { num: 3, overrides: ['a=1'], status: 'completed' as const, returnValue: 1 };
    expect(outcome(job, end({ written }))).toBe(written);
    expect(outcome(job, end({ written, stoppedAs: 'timeout' }))).toBe(written);
  });

  it('records a stopped job as timeout or cancelled', () => {
    const t = outcome(job, end({ stoppedAs: 'timeout', code: null, signal: 'SIGTERM' }));
    expect(t).toMatchObject({ status: 'timeout', durationMs: 1500, error: { name: 'TimeoutError' } });
    expect(t.error?.message).toMatch(/timeout_min \(60 s\)/);
    expect(outcome(job, end({ stoppedAs: 'cancelled' })).status).toBe('cancelled');
  });

  it('records a process that died without a result as failed, with how it ended', () => {
    expect(outcome(job, end({ code: 1 })).error?.message).toMatch(/exited with code 1 before recording a result/);
    expect(outcome(job, end({ code: null, signal: 'SIGKILL' })).error?.message).toMatch(/killed by SIGKILL/);
  });
});
