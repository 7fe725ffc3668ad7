/**
 * Runs every example of docs/interpolation.md, so the page cannot drift from the code.
 *
 * Conventions of the page:
 *   <!-- example-env: A=1 B=x y -->   the environment of the examples
 *   <!-- example-now: 2024-03-05T07:08:09 -->   the frozen "now" (local time)
 *   ```ts        run in order (TypeScript, imports of 'tydra' removed) with `registerResolver`
 *                bound to a registry for this page
 *   ```yaml      a config file `config.yaml`; must be followed by a ```text block with the
 *   ```text      values read, one `key: <Python repr>` per line; `key: SomeError` followed by
 *                the message indented by two spaces (an optional last `hint: …` line is the
 *                hint); `warning: …` is a warning emitted while reading the previous key
 *   | `${oc.decode:'…'}` | `repr` |   a table row: that value resolves to that repr
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { Resolution } from '../../src/config/interpolation/resolve.js';
import { nodeRepr } from '../../src/config/repr.js';
import { builtinResolvers } from '../../src/config/resolvers/builtins.js';
import type { ResolverFunction, ResolverOptions } from '../../src/config/resolvers/registry.js';
import { splitKey } from '../../src/config/select.js';
import { yaml } from './helpers.js';

const PAGE = 'docs/interpolation.md';
const markdown = readFileSync(join(process.cwd(), PAGE), 'utf8');

interface Block {
  lang: string;
  body: string;
  line: number;
}

function blocks(md: string): Block[] {
  const out: Block[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^```(\w*)\s*$/.exec(lines[i] as string);
    if (!m) continue;
    const start = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i] as string);
    out.push({ lang: m[1] as string, body: `${body.join('\n')}\n`, line: start });
  }
  return out;
}

function directive(name: string): string {
  const m = new RegExp(`<!-- ${name}: (.*?) -->`).exec(markdown);
  if (!m) throw new Error(`${PAGE} has no ${name} directive`);
  return m[1] as string;
}

const env: Record<string, string> = {};
for (const m of directive('example-env').matchAll(/(\w+)=(.*?)(?=\s+\w+=|$)/g)) env[m[1] as string] = m[2] as string;
const now = new Date(directive('example-now'));

// One registry for the page, filled by its ```ts blocks in order.
const registry = builtinResolvers.child();
const registerResolver = (name: string, fn: ResolverFunction, options?: ResolverOptions) => registry.register(name, fn, options);

function run(code: string): void {
  const js = transformSync(code.replace(/^import .* from 'tydra';$/gm, ''), { loader: 'ts' }).code;
  new Function('registerResolver', js)(registerResolver);
}

interface Expectation {
  key: string;
  repr?: string;
  error?: { cls: string; message: string; hint?: string };
  warning?: string;
}

function expectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  for (const line of text.trimEnd().split('\n')) {
    if (line.startsWith('  ')) {
      const e = out[out.length - 1]?.error;
      if (!e) throw new Error(`continuation line without an error: ${line}`);
      const l = line.slice(2);
      if (l.startsWith('hint: ')) e.hint = l.slice(6);
      else e.message = e.message === '' ? l : `${e.message}\n${l}`;
      continue;
    }
    const m = /^([^:]+): (.*)$/.exec(line);
    if (!m) throw new Error(`cannot read the expectation line: ${line}`);
    const [, key, rest] = m as unknown as [string, string, string];
    if (key === 'warning') out.push({ key, warning: rest });
    else if (/^[A-Z]\w*Error$/.test(rest)) out.push({ key, error: { cls: rest, message: '' } });
    else out.push({ key, repr: rest });
  }
  return out;
}

function check(config: string, expected: Expectation[]): void {
  const warnings: string[] = [];
  const res = new Resolution(yaml(config), { resolvers: registry, env, now, warn: (m) => warnings.push(m) });
  for (const x of expected) {
    if (x.warning !== undefined) {
      expect(warnings.shift(), 'warning').toBe(x.warning);
      continue;
    }
    let got: string;
    try {
      got = nodeRepr(res.get(splitKey(x.key)));
    } catch (e) {
      if (!x.error || !(e instanceof ConfigError)) throw e;
      expect(`${x.key}: ${e.name}`).toBe(`${x.key}: ${x.error.cls}`);
      expect(e.message).toBe(x.error.message);
      expect(e.hint).toBe(x.error.hint);
      continue;
    }
    expect(x.error, `${x.key} should fail`).toBeUndefined();
    expect(`${x.key}: ${got}`).toBe(`${x.key}: ${x.repr}`);
  }
  expect(warnings, 'warnings not shown on the page').toEqual([]);
}

const all = blocks(markdown);
const examples: Array<{ line: number; run: () => void }> = [];
for (let i = 0; i < all.length; i++) {
  const b = all[i] as Block;
  if (b.lang === 'ts') examples.push({ line: b.line, run: () => run(b.body) });
  else if (b.lang === 'yaml') {
    const next = all[i + 1];
    if (!next || next.lang !== 'text') throw new Error(`${PAGE}:${b.line}: a yaml example must be followed by a text block`);
    examples.push({ line: b.line, run: () => check(b.body, expectations(next.body)) });
    i++;
  }
}

const rows = [...markdown.matchAll(/^\| `(\$\{oc\.decode:.*\})` \| `(.*)` \|$/gm)].map((m) => [m[1] as string, m[2] as string] as const);

describe(PAGE, () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThan(20);
    expect(rows.length).toBeGreaterThan(10);
  });
  // In order: the ts blocks register resolvers that later examples use.
  for (const ex of examples) it(`runs the example at line ${ex.line}`, () => ex.run());
  it.each(rows)('%s gives %s', (text, expected) => {
    const cfg = yaml(`x: "${text.replace(/\\/g, '\\\\')}"`);
    expect(nodeRepr(new Resolution(cfg, { resolvers: registry, env }).get(['x']))).toBe(expected);
  });
});
