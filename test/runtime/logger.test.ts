/**
 * The run logger: Hydra's line format `[2024-05-01 12:00:00,123][name][INFO] - message`, to the
 * console and to the job's log file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type LogLevel, Logger, type LoggerOptions } from '../../src/runtime/logger.js';
import { tempDir } from '../helpers/conf-tree.js';

const open: Logger[] = [];

/** A logger whose console lines are collected. */
function capture(opts: Partial<LoggerOptions> = {}): { log: Logger; lines: string[]; levels: LogLevel[] } {
  const lines: string[] = [];
  const levels: LogLevel[] = [];
  const log = new Logger({
    name: 'train',
    console: (line, level) => {
      lines.push(line);
      levels.push(level);
    },
    ...opts,
  });
  open.push(log);
  return { log, lines, levels };
}

/** The messages of log lines, without the timestamp and name. */
function messages(lines: string[]): string[] {
  return lines.map((l) => l.replace(/^\[[^\]]*\]\[[^\]]*\]/, ''));
}

function fileLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2024, 4, 1, 9, 5, 7, 42));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const l of open.splice(0)) l.close();
});

describe('line format', () => {
  it('writes [YYYY-MM-DD HH:MM:SS,mmm][name][LEVEL] - message in local time', () => {
    const { log, lines } = capture();
    log.info('Training started');
    expect(lines).toEqual(['[2024-05-01 09:05:07,042][train][INFO] - Training started']);
  });

  it('labels each level as Python logging does', () => {
    const { log, lines } = capture({ level: 'debug' });
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    log.log('warning', 'w2');
    expect(messages(lines)).toEqual(['[DEBUG] - d', '[INFO] - i', '[WARNING] - w', '[ERROR] - e', '[WARNING] - w2']);
  });

  it('joins several arguments with spaces, objects as JSON and big ints as digits', () => {
    const { log, lines } = capture();
    log.info('epoch', 3, { loss: 0.5, tags: ['a'] }, null, true, 12345678901234567890n, { n: 1n });
    expect(messages(lines)).toEqual(['[INFO] - epoch 3 {"loss":0.5,"tags":["a"]} null true "12345678901234567890" {"n":"1"}']);
  });

  it('writes an error with its stack', () => {
    const { log, lines } = capture();
    const e = new Error('boom');
    log.error('failed:', e);
    expect(lines[0]?.endsWith(`[ERROR] - failed: ${e.stack}`)).toBe(true);
  });

  it('writes an object that JSON cannot hold as its text', () => {
    const { log, lines } = capture();
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    log.info(loop);
    expect(messages(lines)).toEqual(['[INFO] - [object Object]']);
  });
});

describe('levels', () => {
  it('drops debug lines at the default level info', () => {
    const { log, lines } = capture();
    log.debug('hidden');
    log.info('shown');
    expect(messages(lines)).toEqual(['[INFO] - shown']);
  });

  it('drops everything below the configured level', () => {
    const { log, lines } = capture({ level: 'error' });
    log.warn('hidden');
    log.error('shown');
    expect(messages(lines)).toEqual(['[ERROR] - shown']);
  });

  it('keeps the console to its own level (--quiet) while the file gets every line', () => {
    const file = path.join(tempDir(), 'train.log');
    const { log, lines } = capture({ file, consoleLevel: 'warning' });
    log.info('progress');
    log.warn('careful');
    expect(messages(lines)).toEqual(['[WARNING] - careful']);
    expect(messages(fileLines(file))).toEqual(['[INFO] - progress', '[WARNING] - careful']);
  });

  it('never shows on the console what the logger does not write', () => {
    const { log, lines } = capture({ level: 'warning', consoleLevel: 'debug' });
    log.info('hidden');
    expect(lines).toEqual([]);
  });

  it('writes nothing to the console when silent, but still to the file', () => {
    const file = path.join(tempDir(), 'train.log');
    const { log, lines } = capture({ file, silent: true });
    log.error('only in the file');
    expect(lines).toEqual([]);
    expect(messages(fileLines(file))).toEqual(['[ERROR] - only in the file']);
  });
});

describe('default console', () => {
  it('writes info and below to stdout, warnings and errors to stderr', () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const log = new Logger({ name: 'app' });
    log.info('to stdout');
    log.warn('to stderr');
    log.error('also stderr');
    expect(out.mock.calls.map((c) => c[0])).toEqual(['[2024-05-01 09:05:07,042][app][INFO] - to stdout\n']);
    expect(err.mock.calls.map((c) => String(c[0]).replace(/^\[[^\]]*\]/, ''))).toEqual(['[app][WARNING] - to stderr\n', '[app][ERROR] - also stderr\n']);
  });
});

describe('log file', () => {
  it('creates the directory and appends to an existing file', () => {
    const file = path.join(tempDir(), 'outputs', 'run', 'train.log');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'earlier line\n');
    const { log } = capture({ file, silent: true });
    log.info('first');
    log.info('second');
    expect(fileLines(file)).toEqual(['earlier line', '[2024-05-01 09:05:07,042][train][INFO] - first', '[2024-05-01 09:05:07,042][train][INFO] - second']);
    expect(log.file).toBe(file);
  });

  it('creates missing directories of the log file', () => {
    const file = path.join(tempDir(), 'a', 'b', 'job.log');
    capture({ file, silent: true }).log.info('x');
    expect(fileLines(file)).toHaveLength(1);
  });

  it('stops writing to the file once closed', () => {
    const file = path.join(tempDir(), 'train.log');
    const { log, lines } = capture({ file });
    log.info('before');
    log.close();
    log.info('after');
    log.close();
    expect(messages(fileLines(file))).toEqual(['[INFO] - before']);
    expect(messages(lines)).toEqual(['[INFO] - before', '[INFO] - after']);
  });
});

describe('child', () => {
  it('writes under another name to the same console and file, with the same levels', () => {
    const file = path.join(tempDir(), 'train.log');
    const { log, lines } = capture({ file, consoleLevel: 'warning' });
    const child = log.child('train.data');
    child.info('loading');
    child.warn('slow disk');
    log.warn('parent');
    expect(child.name).toBe('train.data');
    expect(log.name).toBe('train');
    expect(lines.map((l) => l.replace(/^\[[^\]]*\]/, ''))).toEqual(['[train.data][WARNING] - slow disk', '[train][WARNING] - parent']);
    expect(fileLines(file).map((l) => l.replace(/^\[[^\]]*\]/, ''))).toEqual([
      '[train.data][INFO] - loading',
      '[train.data][WARNING] - slow disk',
      '[train][WARNING] - parent',
    ]);
  });

  it('leaves the file open for the parent when a child is closed', () => {
    const file = path.join(tempDir(), 'train.log');
    const { log } = capture({ file, silent: true });
    const child = log.child('train.data');
    child.info('from child');
    child.close();
    log.info('from parent');
    expect(messages(fileLines(file))).toEqual(['[INFO] - from child', '[INFO] - from parent']);
  });

  it('stops the child writing to the file once the parent is closed', () => {
    const file = path.join(tempDir(), 'train.log');
    const { log } = capture({ file, silent: true });
    const child = log.child('train.data');
    log.close();
    expect(() => child.info('after')).not.toThrow();
    expect(fileLines(file)).toEqual([]);
  });
});
