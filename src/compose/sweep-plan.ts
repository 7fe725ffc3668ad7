/**
 * The sweep of a multirun: compose once at the sweep level (to read `hydra.sweeper.params`), then
 * plan the basic sweeper's jobs from the params and the command line.
 */
import { parseOverride } from '../overrides/parser.js';
import type { Override } from '../overrides/types.js';
import { type SweepPlan, paramsToOverrideStrings, planBasicSweep } from '../sweep/basic.js';
import type { Composer } from './compose.js';

/** The `hydra.sweeper.params` of a composed sweep config, as ordered key → value text. */
export function sweeperParams(composer: Composer, overrides: readonly Override[]): Map<string, unknown> {
  const sweepConfig = composer.compose(overrides);
  const loc = sweepConfig.resolution.select(['hydra', 'sweeper', 'params']);
  const params = new Map<string, unknown>();
  if (loc && loc.node.kind === 'dict') {
    for (const [k, v] of loc.node.entries) {
      params.set(k, sweepConfig.resolution.toPlain({ node: v, path: ['hydra', 'sweeper', 'params', k], final: false }));
    }
  }
  return params;
}

export function sweepPlanFor(composer: Composer, overrides: readonly Override[]): SweepPlan {
  const params = sweeperParams(composer, overrides);
  const all = [...paramsToOverrideStrings(params).map(parseOverride), ...overrides];
  return planBasicSweep(all, { groupOptions: (g) => composer.repo.groupOptions(g) });
}
