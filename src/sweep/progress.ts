/**
 * What a sweep shows while it runs. On a terminal, a status line redrawn in place (done, running,
 * failed, queued, elapsed, ETA); elsewhere (CI logs, pipes) nothing but the sweep's own log lines.
 * Log lines are printed above the status line, which is then drawn again.
 */
import { formatDuration } from './results.js';

export interface SweepCounts {
  total: number;
  completed: number;
  failed: number;
  running: number;
  /** Launched but not started (a SLURM queue). */
  queued: number;
  /** Skipped because a resumed sweep completed them before. */
  skipped: number;
}

export interface ProgressOptions {
  /** Where log lines go (one line, no newline). */
  say: (line: string) => void;
  /** The terminal for the live line; undefined: no live line. */
  tty?: NodeJS.WriteStream;
  /** Print a status line after each finished job instead of a live one (jobs write to the same terminal). */
  statusLines?: boolean;
  now?: () => number;
}

export function formatCounts(c: SweepCounts, elapsedMs: number): string {
  const finished = c.completed + c.failed;
  const waiting = Math.max(0, c.total - c.skipped - finished - c.running - c.queued);
  const parts = [`${finished + c.skipped}/${c.total} done`, `${c.running} running`];
  if (c.failed > 0) parts.push(`${c.failed} failed`);
  if (c.queued > 0 || waiting > 0) parts.push(`${c.queued + waiting} queued`);
  let eta = '';
  if (finished > 0 && finished + c.skipped < c.total) {
    const remaining = c.total - c.skipped - finished;
    eta = ` · ETA ${formatDuration(Math.round((elapsedMs / finished) * remaining))}`;
  }
  return `${parts.join(' · ')} · ${formatDuration(elapsedMs)} elapsed${eta}`;
}

function bar(c: SweepCounts, width = 20): string {
  const done = Math.round(((c.completed + c.failed + c.skipped) / Math.max(1, c.total)) * width);
  return `${'█'.repeat(done)}${'░'.repeat(Math.max(0, width - done))}`;
}

export class SweepProgress {
  private counts: SweepCounts;
  private readonly t0: number;
  private timer: NodeJS.Timeout | undefined;
  private shown = false;
  private readonly now: () => number;

  constructor(
    total: number,
    private readonly opts: ProgressOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.t0 = this.now();
    this.counts = { total, completed: 0, failed: 0, running: 0, queued: 0, skipped: 0 };
    if (opts.tty && !opts.statusLines) {
      this.timer = setInterval(() => this.draw(), 500);
      this.timer.unref();
    }
  }

  get live(): boolean {
    return this.timer !== undefined;
  }

  update(counts: Partial<SweepCounts>, finishedOne = false): void {
    this.counts = { ...this.counts, ...counts };
    if (this.live) this.draw();
    else if (finishedOne && this.opts.statusLines && this.opts.tty) this.say(`[${formatCounts(this.counts, this.now() - this.t0)}]`);
  }

  /** A log line, printed above the live line. */
  say(line: string): void {
    this.clear();
    this.opts.say(line);
    if (this.live) this.draw();
  }

  private clear(): void {
    if (this.shown && this.opts.tty) {
      this.opts.tty.write('\r\x1b[K');
      this.shown = false;
    }
  }

  private draw(): void {
    const tty = this.opts.tty;
    if (!tty) return;
    const text = `${bar(this.counts)} ${formatCounts(this.counts, this.now() - this.t0)}`;
    const width = tty.columns ?? 100;
    tty.write(`\r\x1b[K${text.length > width - 1 ? text.slice(0, width - 2) : text}`);
    this.shown = true;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }
}
