/**
 * Runs the examples of the docs pages so they cannot drift from the code.
 *
 * In a page, within one `## ` section:
 *   ```yaml file=conf/config.yaml      writes that file into the section's example dir
 *   ```js file=app.mjs                 (any language) likewise
 *   ```console                         `$ command` lines, each followed by its expected output;
 *                                      a line `...` matches any lines, `[...]` inside a line any text
 * `tydra` runs the built bin (dist/cli.js); `node app.mjs` runs with `tydra` resolvable.
 * Exit codes are not compared, except that `$ echo $?` prints the previous command's (128 + n
 * when a signal ended it, as a shell says). stdout and stderr are compared together, in the order
 * they were written.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PAGES = ['getting-started.md', 'defaults-list.md', 'cli.md', 'coming-from-hydra.md', 'run-directory.md', 'schemas.md', 'find-runs.md', 'rerun-and-compare.md', 'any-language.md', 'multirun.md', 'launchers.md', 'results.md'];

interface Command {
  line: string;
  expected: string[];
}
interface Section {
  title: string;
  files: Record<string, string>;
  commands: Command[];
}

function parse(markdown: string): Section[] {
  const sections: Section[] = [];
  let current: Section = { title: '(top)', files: {}, commands: [] };
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith('## ')) {
      sections.push(current);
      current = { title: line.slice(3), files: {}, commands: [] };
      continue;
    }
    const fence = /^```(\w+)(?:\s+file=(\S+))?\s*$/.exec(line);
    if (!fence) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i] as string);
    if (fence[2]) current.files[fence[2]] = `${body.join('\n')}\n`;
    else if (fence[1] === 'console') {
      for (const b of body) {
        if (b.startsWith('$ ')) current.commands.push({ line: b.slice(2), expected: [] });
        else current.commands[current.commands.length - 1]?.expected.push(b);
      }
    }
  }
  sections.push(current);
  return sections.filter((s) => s.commands.length > 0);
}

function words(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i] as string;
    if (c === "'") {
      const j = cmd.indexOf("'", i + 1);
      cur += cmd.slice(i + 1, j);
      i = j;
      has = true;
    } else if (c === '"') {
      const j = cmd.indexOf('"', i + 1);
      cur += cmd.slice(i + 1, j);
      i = j;
      has = true;
    } else if (c === ' ') {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

function matches(actual: string[], expected: string[]): boolean {
  const re = (e: string) => new RegExp(`^${e.split('[...]').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const go = (a: number, e: number): boolean => {
    if (e === expected.length) return a === actual.length;
    if (expected[e] === '...') {
      for (let k = a; k <= actual.length; k++) if (go(k, e + 1)) return true;
      return false;
    }
    return a < actual.length && re(expected[e] as string).test(actual[a] as string) && go(a + 1, e + 1);
  };
  return go(0, 0);
}

for (const page of PAGES) {
  const file = path.join(ROOT, 'docs', page);
  const sections = fs.existsSync(file) ? parse(fs.readFileSync(file, 'utf8')) : [];
  describe.skipIf(sections.length === 0)(`docs/${page}`, () => {
    for (const s of sections) {
      it(`runs the examples of "${s.title}"`, () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tydra-docs-'));
        const outFile = path.join(os.tmpdir(), `${path.basename(dir)}.out`);
        try {
          fs.mkdirSync(path.join(dir, 'node_modules'));
          fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'tydra'));
          fs.symlinkSync(path.join(ROOT, 'node_modules', 'zod'), path.join(dir, 'node_modules', 'zod'));
          for (const [name, text] of Object.entries(s.files)) {
            fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
            fs.writeFileSync(path.join(dir, name), text);
          }
          let status = 0;
          for (const cmd of s.commands) {
            const argv = words(cmd.line);
            if (cmd.line.trim() === 'echo $?') {
              expect(String(status), `$ ${cmd.line}`).toBe(cmd.expected.join('\n').trim());
              continue;
            }
            const bin = argv[0] === 'tydra' ? [process.execPath, path.join(ROOT, 'dist', 'cli.js')] : argv[0] === 'node' ? [process.execPath] : [argv[0] as string];
            // stdout and stderr share one file, so their lines keep the order a terminal shows.
            const fd = fs.openSync(outFile, 'w');
            let r: ReturnType<typeof spawnSync>;
            try {
              r = spawnSync(bin[0] as string, [...bin.slice(1), ...argv.slice(1)], {
                cwd: dir,
                stdio: ['ignore', fd, fd],
                env: { ...process.env, TYDRA_FULL_ERROR: '', NO_COLOR: '1' },
              });
            } finally {
              fs.closeSync(fd);
            }
            status = r.error ? 127 : (r.status ?? 128 + (r.signal ? (os.constants.signals[r.signal] ?? 0) : 0));
            const actual = fs.readFileSync(outFile, 'utf8').replace(/\s+$/, '').split('\n').map((l) => l.replace(/\s+$/, ''));
            const expected = [...cmd.expected];
            while (expected.length && expected[expected.length - 1]?.trim() === '') expected.pop();
            if (!matches(actual.length === 1 && actual[0] === '' ? [] : actual, expected)) {
              expect(actual.join('\n'), `$ ${cmd.line}`).toBe(expected.join('\n'));
            }
          }
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
          fs.rmSync(outFile, { force: true });
        }
      });
    }
  });
}
