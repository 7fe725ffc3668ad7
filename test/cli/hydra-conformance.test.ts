/**
 * `tydra compose` and `tydra sweep` against the recorded Python Hydra 1.3.5 cases next to the
 * repository (../shared/conformance): the built bin must reproduce every golden config, choice
 * list, override_dirname, sweep job list and error. Without the cases (a clone on its own) the
 * test is skipped and says why.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const RUNNER = path.resolve(ROOT, '../shared/conformance/run.mjs');
const available = existsSync(RUNNER);
if (!available) console.warn(`[tydra] Hydra conformance cases skipped: ${RUNNER} not found`);

function runConformance(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, '--bin', `${process.execPath} ${path.join(ROOT, 'dist/cli.js')}`], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

describe.skipIf(!available)('Hydra 1.3.5 conformance cases', () => {
  it('composes and sweeps every recorded case as Python Hydra did', { timeout: 300_000 }, async () => {
    const out = await runConformance();
    const last = out.trim().split('\n').at(-1) ?? '';
    const match = /^(\d+) passed, (\d+) failed$/.exec(last);
    expect(match, out).not.toBeNull();
    // The failing cases with their diffs, when there are any.
    expect(out.split('\n').filter((l) => l.startsWith('FAIL')), out).toEqual([]);
    expect(Number(match?.[2])).toBe(0);
    expect(Number(match?.[1])).toBeGreaterThan(0);
  });
});
