/**
 * Atomic file writes: a reader sees the old file or the new one, never a torn mix.
 *
 * The data goes to a unique temporary file in the same directory (same file system, so the
 * final `rename` is atomic), is fsynced, then renamed over the target. On failure the temporary
 * file is removed and the target is untouched. Sync variants exist for `process.on('exit')`.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Options for {@link writeFileAtomic} and friends. */
export interface AtomicWriteOptions {
  /** File mode for a newly created file. Default `0o666` (minus the umask). */
  mode?: number;
  /** Also fsync the directory after the rename so the new name survives a power cut. Default `true`. */
  fsyncDir?: boolean;
}

/** Options for {@link writeJsonAtomic}: those of {@link AtomicWriteOptions} plus the indent. */
export interface AtomicJsonOptions extends AtomicWriteOptions {
  /** Indent passed to `JSON.stringify`. Default `2`. */
  indent?: number;
}

/**
 * The temporary name used for one write: hidden, in the target's directory, unique per process
 * and call, e.g. `.run.json.4711.k3f9a0c2.tmp`.
 */
export function tempPathFor(path: string): string {
  const suffix = `${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  return join(dirname(path), `.${basename(path)}.${suffix}`);
}

/**
 * Write `data` to `path` atomically (temp file + fsync + rename).
 * @example await writeFileAtomic('out/run.json', '{"status":"running"}\n')
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temp = tempPathFor(path);
  let renamed = false;
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o666);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    renamed = true;
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
  if (options.fsyncDir ?? true) await fsyncDirectory(dirname(path));
}

/**
 * Synchronous {@link writeFileAtomic}, for exit handlers where no promise will settle.
 * @example writeFileAtomicSync('out/run.json', '{"status":"failed"}\n')
 */
export function writeFileAtomicSync(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const temp = tempPathFor(path);
  let renamed = false;
  try {
    const fd = openSync(temp, 'wx', options.mode ?? 0o666);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let offset = 0;
      while (offset < bytes.byteLength) {
        offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        unlinkSync(temp);
      } catch {
        // The temp file may never have been created; nothing to clean.
      }
    }
  }
  if (options.fsyncDir ?? true) fsyncDirectorySync(dirname(path));
}

/**
 * Serialise `value` as JSON (2-space indent, trailing newline) and write it atomically.
 * Throws before touching the disk when `value` cannot be stringified (e.g. a BigInt).
 * @example await writeJsonAtomic('out/.run/run.json', { status: 'running' })
 */
export async function writeJsonAtomic(
  path: string,
  value: unknown,
  options: AtomicJsonOptions = {},
): Promise<void> {
  await writeFileAtomic(path, stringifyJson(value, options.indent), options);
}

/**
 * Synchronous {@link writeJsonAtomic}.
 * @example writeJsonAtomicSync('out/.run/run.json', { status: 'failed' })
 */
export function writeJsonAtomicSync(path: string, value: unknown, options: AtomicJsonOptions = {}): void {
  writeFileAtomicSync(path, stringifyJson(value, options.indent), options);
}

function stringifyJson(value: unknown, indent = 2): string {
  const text = JSON.stringify(value, null, indent);
  if (text === undefined) throw new TypeError(`cannot write ${typeof value} as JSON`);
  return `${text}\n`;
}

// Directory fsync makes the rename durable on Linux; some platforms and file systems refuse it
// (EISDIR/EINVAL/EPERM on Windows, some network mounts), where it is best-effort.
async function fsyncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best-effort, see above
  }
}

function fsyncDirectorySync(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best-effort, see above
  }
}
