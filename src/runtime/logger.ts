/**
 * A logger bound to one run: it writes to the console and to `<job.name>.log` in the run dir,
 * in Hydra's format `[2024-05-01 12:00:00,123][name][INFO] - message`. It takes over nothing
 * global (no console patching, no root logger); `--quiet` keeps the console to warnings.
 */
import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warning: 30, error: 40 };
const LABEL: Record<LogLevel, string> = { debug: 'DEBUG', info: 'INFO', warning: 'WARNING', error: 'ERROR' };

export interface LoggerOptions {
  /** The logger's name in each line (Hydra uses the module name; tydra the job name). */
  name: string;
  /** The log file; undefined: console only. */
  file?: string;
  /** Lowest level written (default info; `hydra.verbose` makes it debug). */
  level?: LogLevel;
  /** Lowest level shown on the console (default: `level`; `--quiet` makes it warning). */
  consoleLevel?: LogLevel;
  /** Where console lines go (default: process.stdout for info and below, process.stderr above). */
  console?: (line: string, level: LogLevel) => void;
  /** Disable the console entirely. */
  silent?: boolean;
}

function timestamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())},${p(d.getMilliseconds(), 3)}`;
}

function formatArg(a: unknown): string {
  if (typeof a === 'string') return a;
  if (a instanceof Error) return a.stack ?? a.message;
  try {
    return JSON.stringify(a, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return String(a);
  }
}

export class Logger {
  private fd: number | undefined;
  readonly name: string;
  readonly file: string | undefined;
  private readonly level: number;
  private readonly consoleLevel: number;
  private readonly out: (line: string, level: LogLevel) => void;
  private readonly silent: boolean;

  constructor(opts: LoggerOptions) {
    this.name = opts.name;
    this.file = opts.file;
    this.level = ORDER[opts.level ?? 'info'];
    this.consoleLevel = Math.max(this.level, ORDER[opts.consoleLevel ?? opts.level ?? 'info']);
    this.silent = opts.silent ?? false;
    this.out =
      opts.console ??
      ((line, level) => {
        (ORDER[level] >= ORDER.warning ? process.stderr : process.stdout).write(`${line}\n`);
      });
    if (opts.file) {
      fs.mkdirSync(path.dirname(opts.file), { recursive: true });
      this.fd = fs.openSync(opts.file, 'a');
    }
  }

  log(level: LogLevel, ...args: unknown[]): void {
    const n = ORDER[level];
    if (n < this.level) return;
    const line = `[${timestamp(new Date())}][${this.name}][${LABEL[level]}] - ${args.map(formatArg).join(' ')}`;
    if (this.fd !== undefined) fs.writeSync(this.fd, `${line}\n`);
    if (!this.silent && n >= this.consoleLevel) this.out(line, level);
  }

  debug(...args: unknown[]): void {
    this.log('debug', ...args);
  }
  info(...args: unknown[]): void {
    this.log('info', ...args);
  }
  warn(...args: unknown[]): void {
    this.log('warning', ...args);
  }
  error(...args: unknown[]): void {
    this.log('error', ...args);
  }

  /** A logger with another name writing to the same places. */
  child(name: string): Logger {
    const c = Object.create(this) as Logger;
    (c as { name: string }).name = name;
    // The parent owns the file: closing a child must not close it under the parent.
    c.close = () => undefined;
    return c;
  }

  close(): void {
    if (this.fd !== undefined) {
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
  }
}
