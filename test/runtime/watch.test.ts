/** Watch mode: recompose on config changes, print the diff, rerun the job; survive bad YAML. */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeTree, jobTree } from '../../src/compose/compose.js';
import { watchConfigs } from '../../src/runtime/watch.js';
import { bundle, copyConf, tempDir, tydraBin } from '../runs/helpers.js';

/** Resolve once `read()` satisfies `test`, polling (file watchers take a moment). */
async function until(read: () => string, test: (s: string) => boolean, what: string, ms = 10_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const s = read();
    if (test(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; got:\n${s}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function edit(file: string, from: string, to: string): void {
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));
}

describe('watchConfigs', () => {
  it('prints what changed in the config after each edit, and keeps watching through invalid YAML', async () => {
    const conf = copyConf();
    let printed = '';
    const errors: string[] = [];
    const configs: unknown[] = [];
    const ac = new AbortController();
    let ready = false;
    const done = watchConfigs({
      dirs: [conf],
      compose: () => composeTree({ configDir: conf, configName: 'config' }),
      view: jobTree,
      onConfig: (c, first) => void configs.push([first, c.choices.get('db')]),
      print: (s) => (printed += s),
      printError: (e) => errors.push(e instanceof Error ? e.message : String(e)),
      debounceMs: 50,
      signal: ac.signal,
      onReady: () => (ready = true),
    });
    await until(() => String(ready), (s) => s === 'true', 'the watcher');
    expect(configs).toEqual([[true, 'sqlite']]);

    edit(path.join(conf, 'model/small.yaml'), 'lr: 0.1', 'lr: 0.2');
    await until(() => printed, (s) => s.includes('~ model.lr: 0.1 → 0.2'), 'the diff');
    expect(printed).toMatch(/model\/small\.yaml changed:\n {2}~ model\.lr: 0\.1 → 0\.2\n/);

    fs.writeFileSync(path.join(conf, 'db/sqlite.yaml'), 'driver: [sqlite\n');
    await until(() => errors.join('\n'), (s) => s.includes('sqlite.yaml'), 'the YAML error');
    expect(printed).toContain('still watching');

    fs.writeFileSync(path.join(conf, 'db/sqlite.yaml'), 'driver: sqlite3\nfile: runs.db\n');
    await until(() => printed, (s) => s.includes('~ db.driver: sqlite → sqlite3'), 'the diff after the fix');

    edit(path.join(conf, 'config.yaml'), 'db: sqlite', 'db: postgres');
    await until(() => printed, (s) => s.includes('+ db.port: 5432'), 'a changed default');
    expect(configs).toEqual([[true, 'sqlite'], [false, 'sqlite'], [false, 'sqlite'], [false, 'postgres']]);

    ac.abort();
    await done;
  });
});

function start(script: string, args: string[], cwd: string): { child: ChildProcess; out: () => string } {
  const env = { ...process.env };
  for (const k of ['TYDRA_RUN_ID', 'TYDRA_RUN_DIR', 'TYDRA_RUN_STARTED_AT']) delete env[k];
  const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (out += s));
  return { child, out: () => out };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('close', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('tydra compose --watch', () => {
  it('prints the config, then a diff on each change, until Ctrl-C', async () => {
    const conf = copyConf();
    const p = start(await tydraBin(), ['compose', '--watch', '-cd', conf, '-cn', 'config'], path.dirname(conf));
    await until(p.out, (s) => s.includes('epochs: 2'), 'the first config');
    edit(path.join(conf, 'config.yaml'), 'epochs: 2', 'epochs: 3');
    await until(p.out, (s) => s.includes('~ train.epochs: 2 → 3'), 'the diff');
    expect(await stop(p.child)).toBe(0);
  });
});

describe('app --watch', () => {
  it('runs the job, then runs it again in a new run dir when the config changes', async () => {
    const conf = copyConf();
    const cwd = path.dirname(conf);
    const src = path.join(tempDir(), 'app.ts');
    fs.writeFileSync(
      src,
      `import { main } from 'tydra';\nmain({ configPath: ${JSON.stringify(conf)}, configName: 'config', name: 'app' }, (cfg: { seed: number }, ctx) => { console.log('RUN seed=' + cfg.seed + ' in ' + ctx.outputDir); });\n`,
    );
    const p = start(await bundle(src), ['--watch', 'model.lr=0.5'], cwd);
    await until(p.out, (s) => s.includes('RUN seed=1'), 'the first run');
    edit(path.join(conf, 'config.yaml'), 'seed: 1', 'seed: 2');
    await until(p.out, (s) => s.includes('RUN seed=2'), 'the second run');
    expect(p.out()).toMatch(/config\.yaml changed:\n {2}~ seed: 1 → 2\n/);
    const dirs = [...p.out().matchAll(/RUN seed=\d in (\S+)/g)].map((m) => m[1]);
    expect(new Set(dirs).size).toBe(2);
    fs.writeFileSync(path.join(conf, 'model/small.yaml'), 'name: [\n');
    await until(p.out, (s) => s.includes('small.yaml'), 'the YAML error');
    expect(await stop(p.child)).toBe(0);
    expect(fs.readdirSync(path.join(cwd, 'outputs', fs.readdirSync(path.join(cwd, 'outputs')).find((d) => !d.startsWith('.'))!))).toHaveLength(2);
  });
});
