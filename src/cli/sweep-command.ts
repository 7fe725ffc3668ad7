/**
 * `tydra sweep --config-dir DIR --config-name NAME [--format json|yaml] [--count] [OVERRIDE ...]`
 *
 * Prints the jobs of a multirun in Hydra's basic-sweeper order, each with its overrides and its
 * resolved config. `--count` prints the number of jobs without composing them.
 */
import { Composer, parseAll, resolvedJobTree } from '../compose/compose.js';
import { sweepPlanFor } from '../sweep/sweep-plan.js';
import { DictNode, ListNode, ValueNode } from '../config/nodes.js';
import { toJson } from '../config/output/to-json.js';
import { toYaml } from '../config/output/to-yaml.js';
import { parseOverride } from '../overrides/parser.js';
import { type Override, keyElement } from '../overrides/types.js';
import { jobOverridesAt } from '../sweep/basic.js';
import { parseArgs } from './args.js';
import { formatOf } from './compose-command.js';

export const sweepFlags = {
  strings: { 'config-dir': ['cd'], 'config-name': ['cn'], format: ['f'] },
  booleans: { count: [], help: ['h'] },
};

export async function sweepCommand(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const { flags, overrides } = parseArgs(argv, sweepFlags, 'sweep');
  if (flags.help) {
    out('Usage: tydra sweep --config-dir DIR --config-name NAME [--format json|yaml] [--count] [OVERRIDE ...]\n');
    return 0;
  }
  const format = formatOf(flags.format, 'yaml');
  const parsed = parseAll(overrides);
  const composer = new Composer(
    { configDir: flags['config-dir'] as string | undefined, configName: flags['config-name'] as string | undefined, mode: 'multirun' },
    parsed,
  );
  const plan = sweepPlanFor(composer, parsed);
  if (flags.count) {
    out(`${plan.count}\n`);
    return 0;
  }
  const cliHydra = new Set(parsed.filter(isHydraConfigOverride).map(keyElement));
  const jobs: DictNode[] = [];
  for (let n = 0; n < plan.count; n++) {
    const jobOverrides = jobOverridesAt(plan, n);
    const jobParsed = jobOverrides.map(parseOverride);
    const c = composer.compose(jobParsed, { skipMissing: false });
    // As Hydra's basic launcher: hydra.job.num and hydra.job.id are the job's index.
    const hydraJob = c.ownership.ownPath(c.root, ['hydra', 'job']);
    if (hydraJob?.kind === 'dict') {
      hydraJob.entries.set('num', new ValueNode('int', n));
      hydraJob.entries.set('id', new ValueNode('str', String(n)));
    }
    const job = new DictNode();
    // As Hydra lists a job's overrides: the command line's hydra overrides are applied to every job
    // through the sweep config, not listed per job (Hydra sweeps over `hydra.overrides.task` only).
    const listed = jobOverrides.filter((_, i) => !cliHydra.has(keyElement(jobParsed[i] as Override)));
    job.entries.set('overrides', new ListNode(listed.map((o) => new ValueNode('str', o))));
    job.entries.set('config', resolvedJobTree(c));
    jobs.push(job);
  }
  const list = new ListNode(jobs);
  out(format === 'json' ? `${toJson(list)}\n` : toYaml(list));
  return 0;
}

/** Hydra's own test for an override of its config: the key starts with `hydra.` or `hydra/`. */
function isHydraConfigOverride(o: Override): boolean {
  return o.key.startsWith('hydra.') || o.key.startsWith('hydra/');
}
