import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type SweepCounts, SweepProgress, formatCounts } from '../../src/sweep/progress.js';

const counts = (c: Partial<SweepCounts>): SweepCounts => ({ total: 10, completed: 0, failed: 0, running: 0, queued: 0, skipped: 0, ...c });

describe('formatCounts', () => {
  it('at the start: nothing done, everything queued, no ETA', () => {
    expect(formatCounts(counts({}), 0)).toBe('0/10 done · 0 running · 10 queued · 0 ms elapsed');
  });

  it('counts failed jobs as done, says how many failed, and estimates the rest', () => {
    // 4 finished in 8 s: 6 left at 2 s each.
    expect(formatCounts(counts({ completed: 3, failed: 1, running: 2 }), 8000)).toBe('4/10 done · 2 running · 1 failed · 4 queued · 8.0 s elapsed · ETA 12.0 s');
  });

  it('counts skipped jobs as done but leaves them out of the ETA', () => {
    // 2 ran in 4 s; 4 skipped; 4 left at 2 s each.
    expect(formatCounts(counts({ completed: 2, skipped: 4 }), 4000)).toBe('6/10 done · 0 running · 4 queued · 4.0 s elapsed · ETA 8.0 s');
  });

  it('adds jobs waiting in a SLURM queue to the ones not launched yet', () => {
    expect(formatCounts(counts({ completed: 1, running: 2, queued: 3 }), 1000)).toContain('7 queued');
  });

  it('says nothing of failures or queue when there are none', () => {
    const text = formatCounts(counts({ total: 2, completed: 1, running: 1 }), 500);
    expect(text).toBe('1/2 done · 1 running · 500 ms elapsed · ETA 500 ms');
    expect(text).not.toContain('failed');
    expect(text).not.toContain('queued');
  });

  it('shows minutes and seconds past a minute', () => {
    expect(formatCounts(counts({}), 125_000)).toContain('2m05s elapsed');
  });

  // Rounded to the shown unit first: 119.6 s is "2m00s", not "1m60s".
  it('never shows 60 seconds in the elapsed time', () => {
    expect(formatCounts(counts({}), 119_600)).toContain('2m00s elapsed');
  });

  it('gives no ETA once everything is done', () => {
    expect(formatCounts(counts({ total: 3, completed: 2, failed: 1 }), 3000)).toBe('3/3 done · 0 running · 1 failed · 3.0 s elapsed');
  });
});

/** A stand-in terminal that records what is written, with a width. */
function fakeTty(columns = 200, events: string[] = []) {
  const tty = {
    columns,
    writes: [] as string[],
    write(s: string) {
      tty.writes.push(s);
      events.push(`tty:${s}`);
      return true;
    },
  };
  return tty;
}
const asStream = (t: ReturnType<typeof fakeTty>) => t as unknown as NodeJS.WriteStream;

describe('SweepProgress without a terminal (CI logs, pipes)', () => {
  it('prints the log lines as they are and nothing else', () => {
    const said: string[] = [];
    const p = new SweepProgress(4, { say: (l) => said.push(l) });
    expect(p.live).toBe(false);
    p.update({ running: 2 });
    p.say('[job 0] started');
    p.update({ running: 1, completed: 1 }, true);
    p.say('[job 0] done');
    p.stop();
    expect(said).toEqual(['[job 0] started', '[job 0] done']);
  });

  it('prints no status lines even when asked for them', () => {
    const said: string[] = [];
    const p = new SweepProgress(2, { say: (l) => said.push(l), statusLines: true });
    p.update({ completed: 1 }, true);
    p.stop();
    expect(said).toEqual([]);
  });
});

describe('SweepProgress with status lines on a terminal', () => {
  it('prints the counts after each finished job, and only then', () => {
    const said: string[] = [];
    let now = 1000;
    const tty = fakeTty();
    const p = new SweepProgress(3, { say: (l) => said.push(l), tty: asStream(tty), statusLines: true, now: () => now });
    expect(p.live).toBe(false);
    p.update({ running: 1 });
    expect(said).toEqual([]);
    now = 3000;
    p.update({ running: 0, completed: 1 }, true);
    expect(said).toEqual(['[1/3 done · 0 running · 2 queued · 2.0 s elapsed · ETA 4.0 s]']);
    p.stop();
    expect(tty.writes).toEqual([]);
  });
});

describe('SweepProgress with a live line on a terminal', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is live, and redraws its line on each update', () => {
    const tty = fakeTty();
    const p = new SweepProgress(20, { say: () => {}, tty: asStream(tty), now: () => 0 });
    expect(p.live).toBe(true);
    p.update({ completed: 10, running: 2 });
    const last = tty.writes.at(-1) as string;
    expect(last.startsWith('\r\x1b[K')).toBe(true);
    expect(last).toContain('10/20 done · 2 running · 8 queued');
    // a bar of 20 cells, half full
    expect(last).toContain(`${'█'.repeat(10)}${'░'.repeat(10)} `);
    p.stop();
  });

  it('prints a log line above the live line: clear, log, redraw', () => {
    const events: string[] = [];
    const tty = fakeTty(200, events);
    const p = new SweepProgress(5, { say: (l) => events.push(`say:${l}`), tty: asStream(tty), now: () => 0 });
    p.update({ running: 1 });
    events.length = 0;
    p.say('[job 1] started');
    expect(events).toHaveLength(3);
    expect(events[0]).toBe('tty:\r\x1b[K');
    expect(events[1]).toBe('say:[job 1] started');
    expect(events[2]).toMatch(/^tty:\r\x1b\[K.*0\/5 done · 1 running/);
    p.stop();
  });

  it('redraws on its own every half second, with the elapsed time', () => {
    let now = 0;
    const tty = fakeTty();
    const p = new SweepProgress(2, { say: () => {}, tty: asStream(tty), now: () => now });
    expect(tty.writes).toEqual([]);
    now = 1500;
    vi.advanceTimersByTime(500);
    expect(tty.writes).toHaveLength(1);
    expect(tty.writes[0]).toContain('1.5 s elapsed');
    now = 2000;
    vi.advanceTimersByTime(500);
    expect(tty.writes).toHaveLength(2);
    expect(tty.writes[1]).toContain('2.0 s elapsed');
    p.stop();
  });

  it('fits the line in the terminal width', () => {
    const tty = fakeTty(30);
    const p = new SweepProgress(100, { say: () => {}, tty: asStream(tty), now: () => 0 });
    p.update({ completed: 50, failed: 3, running: 7 });
    const text = (tty.writes.at(-1) as string).slice('\r\x1b[K'.length);
    expect(text.length).toBeLessThan(30);
    expect(text.length).toBeGreaterThan(0);
    p.stop();
  });

  it('stop clears the line and stops drawing', () => {
    const tty = fakeTty();
    const p = new SweepProgress(3, { say: () => {}, tty: asStream(tty), now: () => 0 });
    p.update({ running: 1 });
    p.stop();
    expect(p.live).toBe(false);
    expect(tty.writes.at(-1)).toBe('\r\x1b[K');
    const n = tty.writes.length;
    p.update({ completed: 1 }, true);
    vi.advanceTimersByTime(2000);
    expect(tty.writes).toHaveLength(n);
  });

  it('stop writes nothing when no line is shown', () => {
    const tty = fakeTty();
    const p = new SweepProgress(3, { say: () => {}, tty: asStream(tty), now: () => 0 });
    p.stop();
    expect(tty.writes).toEqual([]);
  });
});
