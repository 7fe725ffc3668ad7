/**
 * Explicit job lists (`hydra.sweeper.jobs_file=jobs.yaml`): a file that lists the jobs of a sweep
 * one by one, for combinations no product describes. Each job is either a mapping of overrides
 * (`{optimizer: sgd, optimizer.lr: 0.1}`) or a list of override strings (`[optimizer=sgd,
 * optimizer.lr=0.1]`). `.yaml`/`.yml` hold a YAML list, `.json` a JSON array, `.jsonl` one job per
 * line. YAML values are typed as in config files (YAML 1.1 as OmegaConf reads it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadYamlString } from '../config/load.js';
import type { Node } from '../config/nodes.js';
import { TydraError } from '../errors.js';
import { parseOverride } from '../overrides/parser.js';
import { renderValue } from '../overrides/render.js';
import type { Element, Scalar } from '../overrides/types.js';

export class JobListError extends TydraError {}

/** Read a job list; each row is the job's override strings. */
export function readJobList(file: string): string[][] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new JobListError(`Cannot read the job list ${file}: ${(e as Error).message}`);
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') {
    const rows: string[][] = [];
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new JobListError(`${file}:${i + 1}: not JSON: ${(e as Error).message}`);
      }
      rows.push(rowFromJs(value, `${file}:${i + 1}`));
    });
    return rows;
  }
  if (ext === '.json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new JobListError(`${file}: not JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(value)) throw new JobListError(`${file}: expected a JSON array of jobs`);
    return value.map((v, i) => rowFromJs(v, `${file}, job ${i}`));
  }
  const node = loadYamlString(text, file);
  if (!node || node.kind !== 'list') throw new JobListError(`${file}: expected a YAML list of jobs`);
  return node.items.map((item, i) => rowFromNode(item, `${file}, job ${i}`));
}

function rowFromJs(value: unknown, where: string): string[] {
  if (Array.isArray(value)) {
    return value.map((v) => {
      if (typeof v !== 'string') throw new JobListError(`${where}: a job given as a list holds override strings (key=value)`);
      return v;
    });
  }
  if (value === null || typeof value !== 'object') throw new JobListError(`${where}: a job is a mapping of overrides or a list of override strings`);
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${renderValue(elementFromJs(v, where))}`);
}

function rowFromNode(node: Node, where: string): string[] {
  if (node.kind === 'list') {
    return node.items.map((v) => {
      if (v.kind !== 'value' || v.type !== 'str') throw new JobListError(`${where}: a job given as a list holds override strings (key=value)`);
      return String(v.value);
    });
  }
  if (node.kind !== 'dict') throw new JobListError(`${where}: a job is a mapping of overrides or a list of override strings`);
  return [...node.entries].map(([k, v]) => `${k}=${renderValue(elementFromNode(v))}`);
}

/** A string as override text that reads back as the same string (quoted when `1` or `a,b` would not). */
export function stringElement(s: string): Element {
  const plain: Scalar = { kind: 'string', value: s };
  try {
    const back = parseOverride(`k=${renderValue(plain)}`).value;
    if (back && back.kind === 'string' && back.value === s) return plain;
  } catch {
    // fall through to quoting
  }
  return { kind: 'string', value: s, quote: s.includes("'") && !s.includes('"') ? '"' : "'" };
}

function elementFromNode(n: Node): Element {
  if (n.kind === 'list') return { kind: 'list', items: n.items.map(elementFromNode) };
  if (n.kind === 'dict') return { kind: 'dict', entries: [...n.entries].map(([k, v]) => [stringElement(k) as Scalar, elementFromNode(v)] as const) };
  switch (n.type) {
    case 'null':
      return { kind: 'null' };
    case 'bool':
      return { kind: 'bool', value: n.value as boolean };
    case 'int':
      return { kind: 'int', value: n.value as number | bigint };
    case 'float':
      return { kind: 'float', value: n.value as number };
    default:
      return stringElement(String(n.value));
  }
}

function elementFromJs(v: unknown, where: string): Element {
  if (v === null) return { kind: 'null' };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { kind: 'int', value: v } : { kind: 'float', value: v };
  if (typeof v === 'string') return stringElement(v);
  if (Array.isArray(v)) return { kind: 'list', items: v.map((x) => elementFromJs(x, where)) };
  if (typeof v === 'object') {
    return { kind: 'dict', entries: Object.entries(v as Record<string, unknown>).map(([k, x]) => [stringElement(k) as Scalar, elementFromJs(x, where)] as const) };
  }
  throw new JobListError(`${where}: cannot write a ${typeof v} as an override value`);
}

