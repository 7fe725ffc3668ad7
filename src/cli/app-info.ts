/**
 * `--cfg job|hydra|all [--resolve] [-p PKG]` and `--info [all|config|defaults|defaults-tree|searchpath|plugins]`:
 * show what would run, without running it.
 */
import type { AppArgs } from './app-flags.js';
import type { Composer } from '../compose/compose.js';
import { jobTree, resolvedJobTree } from '../compose/compose.js';
import { DictNode, type Node } from '../config/nodes.js';
import { toYaml } from '../config/output/to-yaml.js';
import { renderDefaultsList, renderDefaultsTree } from '../defaults/render.js';
import { TydraError } from '../errors.js';
import type { Override } from '../overrides/types.js';
import { computeProvenance, formatProvenance } from '../compose/provenance.js';

function select(node: Node, pkg: string): Node {
  let n: Node | undefined = node;
  for (const k of pkg.split('.')) n = n?.kind === 'dict' ? n.entries.get(k) : n?.kind === 'list' ? n.items[Number(k)] : undefined;
  if (!n) throw new TydraError(`Package '${pkg}' not found in the config`);
  return n;
}

function heading(title: string): string {
  return `${title}\n${'*'.repeat(title.length)}\n`;
}

export function printInfo(composer: Composer, overrides: readonly Override[], args: AppArgs): string {
  const c = composer.compose(overrides);
  if (args.cfg !== undefined) {
    let tree: Node;
    const hydra = c.root.entries.get('hydra') ?? new DictNode();
    const withHydra = (n: Node) => {
      const d = new DictNode();
      d.entries.set('hydra', n);
      return d;
    };
    if (args.cfg === 'job') tree = args.resolve ? resolvedJobTree(c) : jobTree(c);
    else if (args.cfg === 'hydra') tree = withHydra(args.resolve ? c.resolution.resolveTree(['hydra']) : hydra);
    else tree = args.resolve ? c.resolution.resolveTree([]) : c.root;
    if (args.package) {
      const pkg = args.cfg === 'hydra' && !args.package.startsWith('hydra') ? `hydra.${args.package}` : args.package;
      return `# @package ${args.package}\n${toYaml(select(tree, pkg))}`;
    }
    return toYaml(tree);
  }
  const topic = args.info ?? 'all';
  const parts: string[] = [];
  if (topic === 'all' || topic === 'plugins') {
    parts.push(`${heading('Installed launchers and sweepers')}launchers: basic, local, slurm (hydra/launcher=...)\nsweepers: basic, random (hydra/sweeper=...)\n`);
  }
  if (topic === 'all' || topic === 'searchpath') {
    const rows = c.repository.sources.map((s) => [s.provider, s.url]);
    const w = Math.max('Provider'.length, ...rows.map((r) => (r[0] as string).length));
    const lines = [`| ${'Provider'.padEnd(w)} | Search path`, ...rows.map((r) => `| ${(r[0] as string).padEnd(w)} | ${r[1]}`)];
    parts.push(`${heading('Config search path')}${lines.join('\n')}\n`);
  }
  if (topic === 'all' || topic === 'defaults-tree') parts.push(`${heading('Defaults Tree')}${renderDefaultsTree(c.defaultsTree)}\n`);
  if (topic === 'all' || topic === 'defaults') parts.push(`${renderDefaultsList(c.defaultsList)}\n`);
  if (topic === 'all' || topic === 'config') parts.push(`${heading('Config')}${toYaml(jobTree(c))}`);
  // [runs] where every value came from (src/runs/provenance.ts); `-p KEY` narrows it.
  if (topic === 'provenance') parts.push(`${heading('Provenance')}${formatProvenance(computeProvenance(c, { prefix: args.package }))}`);
  return parts.join('\n');
}
