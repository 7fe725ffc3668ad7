/**
 * Helpers for tests that need real, separate Node processes running our TypeScript modules:
 * the script is bundled with esbuild (already a dev dependency) into a temporary `.mjs`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/** Bundle a TypeScript script (imports relative to `test/runtime/`) and return the `.mjs` path. */
export async function bundleScript(source: string): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'tydra-child-')), 'script.mjs');
  await build({
    stdin: { contents: source, resolveDir: join(here, '..'), loader: 'ts', sourcefile: 'child.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/** Start `node script args…` with piped stdio. */
export function startNode(script: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
}

/** Resolve with stdout once the process exits with code 0; reject with stderr otherwise. */
export function collect(child: ChildProcess): Promise<string> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
}

/** Resolve when `text` has appeared on the child's stdout. */
export function waitForOutput(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer | string) => {
      seen += chunk.toString();
      if (seen.includes(text)) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.on('close', (code) => reject(new Error(`child exited ${code} before printing ${text}`)));
  });
}
