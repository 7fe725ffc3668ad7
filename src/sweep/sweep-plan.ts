/**
 * The sweep of a multirun: compose once at the sweep level (to read `hydra.sweeper`), then plan
 * the basic sweeper's jobs from its params, its zip groups, its job list and the command line.
 */
import path from 'node:path';
import { TydraError } from '../errors.js';
import { parseOverride } from '../overrides/parser.js';
import type { Override } from '../overrides/types.js';
import { type SweepPlan, paramsToOverrideStrings, planBasicSweep } from './basic.js';
import { readJobList } from './job-list.js';
import type { Composer, Composition } from '../compose/compose.js';
import { nodeRepr } from '../config/repr.js';
import { scalarStr } from '../python/str.js';

/** The resolved value at `keys` of a composition, as plain data (undefined when absent). */
export function plainAt(c: Composition, keys: readonly string[]): unknown {
  const loc = c.resolution.select(keys);
  return loc ? c.resolution.toPlain(loc) : undefined;
}

/**
 * The `hydra.sweeper.params` of a composed sweep config, as ordered key → value text. Hydra types
 * the params `Dict[str, str]`, so a scalar becomes Python's `str()` of it (`1.0` stays `1.0`,
 * `1e-5` is `1e-05`, `true` is `True`) and null is rejected; a list or dict param is kept and
 * written as Python prints it (`[1, 'x']`).
 */
export function paramsOf(c: Composition): Map<string, unknown> {
  const loc = c.resolution.select(['hydra', 'sweeper', 'params']);
  const params = new Map<string, unknown>();
  if (loc && loc.node.kind === 'dict') {
    for (const [k, v] of loc.node.entries) {
      const node = c.resolution.materialize({ node: v, path: ['hydra', 'sweeper', 'params', k], final: false }, new Set());
      if (node.kind !== 'value') params.set(k, nodeRepr(node));
      else if (node.type === 'null') throw new TydraError(`hydra.sweeper.params.${k} is null: sweeper params are strings (Dict[str, str]) and cannot be null`);
      else params.set(k, scalarStr(node.type, node.value));
    }
  }
  return params;
}

/** The `hydra.sweeper.params` of the sweep config composed from `overrides`. */
export function sweeperParams(composer: Composer, overrides: readonly Override[]): Map<string, unknown> {
  return paramsOf(composer.compose(overrides));
}

/** The params (as overrides, first) followed by the command line's overrides. */
export function sweepOverrides(c: Composition, overrides: readonly Override[]): Override[] {
  return [...paramsToOverrideStrings(paramsOf(c)).map(parseOverride), ...overrides];
}

/** `hydra.sweeper.zip`: a list of key groups, or one flat list for a single group. */
export function zipGroups(value: unknown): string[][] {
  if (value === undefined || value === null) return [];
  const bad = () => new TydraError(`hydra.sweeper.zip must be a list of key lists, e.g. [[optimizer.lr,optimizer.weight_decay]] (got ${JSON.stringify(value)})`);
  if (!Array.isArray(value)) throw bad();
  if (value.length === 0) return [];
  if (value.every((v) => typeof v === 'string')) return [value as string[]];
  if (!value.every((g) => Array.isArray(g) && g.every((k) => typeof k === 'string'))) throw bad();
  return value as string[][];
}

/** The basic sweeper's plan for a composed sweep config. `cwd` resolves a relative `jobs_file`. */
export function planFor(composer: Composer, c: Composition, overrides: readonly Override[], cwd: string = process.cwd()): SweepPlan {
  const jobsFile = plainAt(c, ['hydra', 'sweeper', 'jobs_file']);
  if (jobsFile !== undefined && jobsFile !== null && typeof jobsFile !== 'string') throw new TydraError('hydra.sweeper.jobs_file must be a path');
  const file = typeof jobsFile === 'string' && jobsFile !== '' ? path.resolve(cwd, jobsFile) : undefined;
  return planBasicSweep(sweepOverrides(c, overrides), {
    groupOptions: (g) => composer.repo.groupOptions(g),
    zip: zipGroups(plainAt(c, ['hydra', 'sweeper', 'zip'])),
    jobRows: file ? readJobList(file) : undefined,
    jobRowsSource: file,
  });
}

export function sweepPlanFor(composer: Composer, overrides: readonly Override[], cwd?: string): SweepPlan {
  return planFor(composer, composer.compose(overrides), overrides, cwd);
}
