/**
 * Watch mode: `tydra compose --watch` and `app --watch`. The directories of the config search
 * path are watched (chokidar); after a burst of changes settles, the config is composed again
 * and what changed in it is printed as a diff (the printer `tydra runs diff` uses). An app runs
 * its job again when the config changed. A config that does not load (half-typed YAML) prints
 * its error and the watch goes on with the last good config.
 */
import path from 'node:path';
import type { Composition } from '../compose/compose.js';
import type { DictNode } from '../config/nodes.js';
import { FileSource, invalidateParsedFiles } from '../repository/file-source.js';
import { diffNodes, formatChanges } from '../config/diff.js';

export interface WatchOptions {
  /** Directories to watch before the first composition succeeds (the config dirs given). */
  dirs: readonly string[];
  /** Compose the config; throws when it is invalid. */
  compose: () => Composition;
  /** The tree whose changes are shown (the job config, resolved or not). */
  view: (c: Composition) => DictNode;
  /** Called with each good composition: the first one, then each that changed. */
  onConfig: (c: Composition, first: boolean) => unknown | Promise<unknown>;
  print: (s: string) => void;
  printError: (err: unknown) => void;
  /** Quiet period after the last change before recomposing (default 150 ms). */
  debounceMs?: number;
  /** Call `onConfig` even when the config did not change (default: only when it changed). */
  always?: boolean;
  /** Stops watching when aborted (default: SIGINT). */
  signal?: AbortSignal;
  /** Called once the watcher is ready (tests wait for it). */
  onReady?: () => void;
}

/** The directories of a composition's file sources (`file://` and `pkg://` entries). */
export function searchPathDirs(c: Composition): string[] {
  return c.repository.sources.filter((s): s is FileSource => s instanceof FileSource).map((s) => s.root);
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/**
 * Compose, hand the config to `onConfig`, and do it again whenever a config file changes.
 * Resolves when `signal` aborts (SIGINT by default).
 */
export async function watchConfigs(o: WatchOptions): Promise<void> {
  const debounceMs = o.debounceMs ?? 150;
  let signal = o.signal;
  let removeSigint: (() => void) | undefined;
  if (!signal) {
    const ac = new AbortController();
    const onSigint = () => ac.abort();
    process.once('SIGINT', onSigint);
    removeSigint = () => process.off('SIGINT', onSigint);
    signal = ac.signal;
  }
  let previous: DictNode | undefined;
  let watched = new Set(o.dirs.map((d) => path.resolve(d)));

  const attempt = async (first: boolean, changed: readonly string[]): Promise<void> => {
    let c: Composition;
    let view: DictNode;
    try {
      c = o.compose();
      view = o.view(c);
    } catch (e) {
      o.printError(e);
      o.print(`[${clock()}] still watching ${watched.size} dir${watched.size === 1 ? '' : 's'} for changes\n`);
      return;
    }
    for (const d of searchPathDirs(c)) {
      if (watched.has(d)) continue;
      watched = new Set([...watched, d]);
      watcher.add(d);
    }
    if (!first) {
      const changes = previous ? diffNodes(previous, view) : [];
      const files = changed.map((f) => path.relative(process.cwd(), f) || f).join(', ');
      if (changes.length === 0) {
        o.print(`[${clock()}] ${files} changed: the config did not\n`);
        previous = view;
        if (!o.always) return;
      } else o.print(`[${clock()}] ${files} changed:\n${formatChanges(changes, { indent: '  ' }).join('\n')}\n`);
    }
    previous = view;
    try {
      await o.onConfig(c, first);
    } catch (e) {
      o.printError(e);
    }
  };

  // chokidar loads only in watch mode (it would cost every start-up otherwise).
  const { watch } = await import('chokidar');
  const watcher = watch([...watched], {
    ignoreInitial: true,
    ignored: (p, stats) => (stats?.isFile() === true && !/\.ya?ml$/.test(p)) || /(^|[/\\])(node_modules|\.git)([/\\]|$)/.test(p),
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    timer = undefined;
    const files = [...pending];
    pending = new Set();
    running = running.then(() => attempt(false, files));
  };
  watcher.on('all', (event, p) => {
    if ((event === 'add' || event === 'change' || event === 'unlink') && !/\.ya?ml$/.test(p)) return;
    invalidateParsedFiles(path.resolve(p));
    pending.add(p);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  });
  watcher.on('error', (e) => o.printError(e));

  // Watch first, then compose: an edit made as soon as the first config shows is seen.
  await ready;
  running = running.then(() => attempt(true, []));
  await running;
  o.onReady?.();
  if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  if (timer) clearTimeout(timer);
  removeSigint?.();
  await watcher.close();
  await running;
}
