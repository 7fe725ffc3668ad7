/**
 * `tydra compose --config-dir DIR --config-name NAME [--resolve] [--format json|yaml] [OVERRIDE ...]`
 *
 * Prints `{ config, choices, override_dirname }` (json) or the job config (yaml). The contract
 * is the one of the Hydra conformance suite (../shared/conformance/README.md).
 */
import { composeTree, jobTree, resolvedJobTree, resolvedOverrideDirname } from '../compose/compose.js';
import { DictNode, ListNode, type Node, ValueNode } from '../config/nodes.js';
import { toJson } from '../config/output/to-json.js';
import { toYaml } from '../config/output/to-yaml.js';
import { TydraError } from '../errors.js';
import { parseArgs } from './args.js';

export const composeFlags = {
  strings: { 'config-dir': ['cd'], 'config-name': ['cn'], format: ['f'], package: ['p'] },
  booleans: { resolve: [], help: ['h'] },
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
  const c = composeTree({
    configDir: flags['config-dir'] as string | undefined,
    configName: flags['config-name'] as string | undefined,
    overrides,
  });
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
    out(`${toJson(d)}\n`);
  } else out(toYaml(config));
  return 0;
}

const HELP = `Usage: tydra compose --config-dir DIR --config-name NAME [--resolve] [--format json|yaml] [OVERRIDE ...]

Compose a config from a Hydra conf/ tree and print it.
  -cd, --config-dir DIR     the primary config directory
  -cn, --config-name NAME   the primary config (e.g. config, or train.yaml)
      --resolve             resolve interpolations
  -f, --format json|yaml    json prints {config, choices, override_dirname}; yaml the config (default)
  -p, --package KEY         print only this part of the config (e.g. db)`;
