/**
 * `tydra compose --config-dir DIR --config-name NAME [--resolve] [--format json|yaml] [OVERRIDE ...]`
 *
 * Prints `{ config, choices, override_dirname }` (json) or the job config (yaml). The contract
 * is the one of the Hydra conformance suite (../shared/conformance/README.md).
 */
import { type Composition, composeTree, jobTree, resolvedJobTree, resolvedOverrideDirname } from '../compose/compose.js';
import { DictNode, ListNode, type Node, ValueNode } from '../config/nodes.js';
import { toJson } from '../config/output/to-json.js';
import { toYaml } from '../config/output/to-yaml.js';
import { TydraError } from '../errors.js';
import { parseArgs } from './args.js';

export const composeFlags = {
  strings: { 'config-dir': ['cd'], 'config-name': ['cn'], format: ['f'], package: ['p'] },
  booleans: { resolve: [], help: ['h'], provenance: [], watch: [] },
};

export function choicesNode(choices: ReadonlyMap<string, string | string[] | null>): DictNode {
  const d = new DictNode();
  for (const [k, v] of choices) {
    d.entries.set(k, v === null ? new ValueNode('null', null) : Array.isArray(v) ? new ListNode(v.map((x) => new ValueNode('str', x))) : new ValueNode('str', v));
  }
  return d;
}

export function formatOf(flag: unknown, fallback: 'json' | 'yaml'): 'json' | 'yaml' {
  if (flag === undefined) return fallback;
  if (flag === 'json' || flag === 'yaml') return flag;
  throw new TydraError(`Unknown format '${String(flag)}': use --format json or --format yaml`);
}

export async function composeCommand(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const { flags, overrides } = parseArgs(argv, composeFlags, 'compose');
  if (flags.help) {
    out(`${HELP}\n`);
    return 0;
  }
  const format = formatOf(flags.format, 'yaml');
  const options = { configDir: flags['config-dir'] as string | undefined, configName: flags['config-name'] as string | undefined, overrides };
  // [runs] --watch: print the config, then what changed in it whenever a config file changes.
  if (flags.watch) {
    const { watchConfigs } = await import('../runtime/watch.js');
    const { reportError } = await import('./report-error.js');
    await watchConfigs({
      dirs: options.configDir ? [options.configDir] : [],
      compose: () => composeTree(options),
      view: (c) => (flags.resolve ? resolvedJobTree(c) : jobTree(c)),
      onConfig: (c, first) => {
        if (first) out(printComposed(c, flags, format));
      },
      print: out,
      printError: (e) => reportError(e),
    });
    return 0;
  }
  const c = composeTree(options);
  // [runs] --provenance: where every value came from (src/runs/provenance.ts, loaded only then).
  if (flags.provenance) {
    const { computeProvenance, formatProvenance, provenanceFile } = await import('../compose/provenance.js');
    const keys = computeProvenance(c, { prefix: typeof flags.package === 'string' && flags.package !== '' ? flags.package : undefined });
    out(format === 'json' ? `${JSON.stringify(provenanceFile(keys), null, 2)}\n` : formatProvenance(keys));
    return 0;
  }
  out(printComposed(c, flags, format));
  return 0;
}

function printComposed(c: Composition, flags: Record<string, string | boolean | undefined>, format: 'json' | 'yaml'): string {
  let config: Node = flags.resolve ? resolvedJobTree(c) : jobTree(c);
  if (typeof flags.package === 'string' && flags.package !== '') {
    let n: Node | undefined = config;
    for (const k of flags.package.split('.')) n = n?.kind === 'dict' ? n.entries.get(k) : undefined;
    if (!n) throw new TydraError(`Package '${flags.package}' not found in the config`);
    config = n;
  }
  if (format === 'json') {
    const d = new DictNode();
    d.entries.set('config', config);
    d.entries.set('choices', choicesNode(c.choices));
    d.entries.set('override_dirname', new ValueNode('str', resolvedOverrideDirname(c)));
    return `${toJson(d)}\n`;
  }
  return toYaml(config);
}

const HELP = `Usage: tydra compose --config-dir DIR --config-name NAME [--resolve] [--format json|yaml] [OVERRIDE ...]

Compose a config from a Hydra conf/ tree and print it.
  -cd, --config-dir DIR     the primary config directory
  -cn, --config-name NAME   the primary config (e.g. config, or train.yaml)
      --resolve             resolve interpolations
  -f, --format json|yaml    json prints {config, choices, override_dirname}; yaml the config (default)
  -p, --package KEY         print only this part of the config (e.g. db)
      --provenance          for every key, where its value came from (file:line, defaults entry, override)
      --watch               print the config, then what changes in it whenever a config file changes`;
