import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createRunDir,
  createRunId,
  RUN_CONTEXT_ENV,
  runContextFromEnv,
  runContextToEnv,
  suffixedRunDir,
} from '../../src/runtime/run-dir.js';
import { bundleScript, collect, startNode, waitForOutput } from './helpers/child-process.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'tydra-rundir-'));

// Waits for "go" on stdin so that all children call createRunDir at the same moment.
const CLAIMER = `
import { createRunDir } from '../../src/runtime/run-dir.js';
process.stdout.write('ready\\n');
process.stdin.once('data', async () => {
  process.stdout.write((await createRunDir(process.argv[2])) + '\\n');
  process.exit(0);
});
`;

describe('createRunDir', () => {
  it('creates the directory and its missing parents and returns the absolute path', async () => {
    const root = tempDir();
    const created = await createRunDir(join(root, 'outputs', '2024-05-01', '12-00-00'));
    expect(created).toBe(join(root, 'outputs', '2024-05-01', '12-00-00'));
    expect(statSync(created).isDirectory()).toBe(true);
  });

  it('resolves a relative path against the working directory', async () => {
    const root = tempDir();
    const relativePath = relative(process.cwd(), join(root, 'x'));
    expect(await createRunDir(relativePath)).toBe(join(root, 'x'));
  });

  it('appends _1, then _2, when the path is already taken', async () => {
    const root = tempDir();
    const path = join(root, '12-00-00');
    expect(await createRunDir(path)).toBe(path);
    expect(await createRunDir(path)).toBe(`${path}_1`);
    expect(await createRunDir(path)).toBe(`${path}_2`);
  });

  it('continues after the highest suffix on disk rather than filling gaps', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'run'));
    mkdirSync(join(root, 'run_7'));
    mkdirSync(join(root, 'run_x')); // not a suffix
    expect(await createRunDir(join(root, 'run'))).toBe(join(root, 'run_8'));
  });

  it('treats a file at the path as taken', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'run'), '');
    expect(await createRunDir(join(root, 'run'))).toBe(join(root, 'run_1'));
  });

  it("throws EEXIST instead of suffixing with onExists: 'error'", async () => {
    const root = tempDir();
    await createRunDir(join(root, 'run'));
    await expect(createRunDir(join(root, 'run'), { onExists: 'error' })).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('throws once maxAttempts candidates are all taken', async () => {
    const root = tempDir();
    await createRunDir(join(root, 'run'));
    mkdirSync(join(root, 'run_1'));
    // The listing jumps to _2; with 0 attempts allowed nothing more is tried.
    await expect(createRunDir(join(root, 'run'), { maxAttempts: 0 })).rejects.toThrow(/candidates were taken/);
  });

  it('gives 50 concurrent calls in one process 50 distinct directories', async () => {
    const root = tempDir();
    const created = await Promise.all(Array.from({ length: 50 }, () => createRunDir(join(root, 'same'))));
    expect(new Set(created).size).toBe(50);
    expect(readdirSync(root)).toHaveLength(50);
  });

  it('gives 20 concurrent runs (separate node processes) 20 distinct directories', async () => {
    const root = tempDir();
    const target = join(root, 'outputs', '2024-05-01', '12-00-00');
    const script = await bundleScript(CLAIMER);
    const children = Array.from({ length: 20 }, () => startNode(script, [target]));
    const outputs = children.map((child) => collect(child));
    await Promise.all(children.map((child) => waitForOutput(child, 'ready')));
    for (const child of children) child.stdin?.write('go\n');
    const created = (await Promise.all(outputs)).map((out) => out.split('\n')[1] ?? '');

    expect(new Set(created).size).toBe(20);
    expect(created.sort()).toEqual([target, ...Array.from({ length: 19 }, (_, i) => `${target}_${i + 1}`)].sort());
    for (const dir of created) expect(statSync(dir).isDirectory()).toBe(true);
  });
});

describe('suffixedRunDir', () => {
  it('appends _<n> to the path', () => {
    expect(suffixedRunDir('outputs/exp', 3)).toBe('outputs/exp_3');
  });
});

describe('createRunId', () => {
  it('is the UTC start time to the millisecond plus 6 random base-36 characters', () => {
    const id = createRunId({ now: new Date('2024-05-01T12:34:56.789Z'), random: 'k3f9a0' });
    expect(id).toBe('2024-05-01T12-34-56-789Z-k3f9a0');
    expect(createRunId()).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-[0-9a-z]{6}$/);
  });

  it('sorts chronologically as a plain string', () => {
    const times = ['2023-12-31T23:59:59.999Z', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.001Z', '2024-10-01T09:00:00.000Z'];
    const ids = times.map((t, i) => createRunId({ now: new Date(t), random: 'zzzzz'.concat(String(9 - i)) }));
    expect([...ids].sort()).toEqual(ids);
  });

  it('gives 10 000 ids made in the same millisecond 10 000 different values', () => {
    const now = new Date();
    const ids = new Set(Array.from({ length: 10_000 }, () => createRunId({ now })));
    expect(ids.size).toBeGreaterThanOrEqual(9_998); // 36^6 values: one birthday collision has ~2% odds, three ~0
  });

  it('contains no character that is unsafe in a file name on any OS', () => {
    expect(createRunId()).not.toMatch(/[:\\/*?"<>|\s]/);
  });
});

describe('run context', () => {
  const context = { runId: '2024-05-01T12-00-00-000Z-abc123', runDir: '/runs/x', startedAt: '2024-05-01T12:00:00.000Z' };

  it('round-trips through environment variables', () => {
    const env = runContextToEnv(context);
    expect(Object.keys(env).sort()).toEqual(Object.values(RUN_CONTEXT_ENV).sort());
    expect(runContextFromEnv({ PATH: '/bin', ...env })).toEqual(context);
  });

  it('is absent when a variable is missing or the start time does not parse', () => {
    expect(runContextFromEnv({})).toBeNull();
    const env = runContextToEnv(context);
    expect(runContextFromEnv({ ...env, [RUN_CONTEXT_ENV.runDir]: undefined })).toBeNull();
    expect(runContextFromEnv({ ...env, [RUN_CONTEXT_ENV.startedAt]: 'yesterday' })).toBeNull();
  });

  it('reaches a child process through its environment', async () => {
    const script = await bundleScript(`
      import { runContextFromEnv } from '../../src/runtime/run-dir.js';
      process.stdout.write(JSON.stringify(runContextFromEnv(process.env)));
    `);
    const out = await collect(startNode(script, [], { ...process.env, ...runContextToEnv(context) }));
    expect(JSON.parse(out)).toEqual(context);
  });
});
