import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YamlNode } from '../../../src/config/yaml/ast.js';
import { BAIL, parseYamlFast } from '../../../src/config/yaml/fast.js';

/** A readable picture of a tree: maps as objects, plain scalars as their text, others as `style:text`. */
export type Shape = string | Shape[] | { [key: string]: Shape };

export function shape(node: YamlNode | undefined): Shape | undefined {
  if (node === undefined) return undefined;
  switch (node.kind) {
    case 'scalar':
      return node.style === 'plain' ? node.text : `${node.style}:${node.text}`;
    case 'seq':
      return node.items.map((item) => shape(item)!);
    case 'map':
      return Object.fromEntries(node.entries.map((pair) => [pair.key.text, shape(pair.value)!]));
  }
}

/** Parses with the fast path and fails the test if it bails. */
export function fast(text: string): YamlNode | undefined {
  const result = parseYamlFast(text);
  if (result === BAIL) throw new Error(`fast path bailed on ${JSON.stringify(text)}`);
  return result;
}

const HERE = dirname(fileURLToPath(import.meta.url));
/** The shared conformance cases, next to the repository (`../shared/conformance/cases`). */
export const CASES_DIR = resolve(HERE, '../../../../shared/conformance/cases');

/** Every `.yaml`/`.yml` file under `<case>/conf/`, or none when the shared folder is absent. */
export function conformanceYamlFiles(): string[] {
  if (!existsSync(CASES_DIR)) return [];
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) files.push(path);
    }
  };
  for (const name of readdirSync(CASES_DIR).sort()) {
    const conf = join(CASES_DIR, name, 'conf');
    if (existsSync(conf) && statSync(conf).isDirectory()) walk(conf);
  }
  return files;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
