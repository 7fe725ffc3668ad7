/**
 * `--cfg job|hydra|all [--resolve] [-p PKG]` and `--info [all|config|defaults|defaults-tree|searchpath|plugins]`:
 * show what would run, without running it.
 */
import type { AppArgs } from './app-flags.js';
import type { Composer, Composition } from '../compose/compose.js';
import { jobTree } from '../compose/compose.js';
import { InterpolationToMissingValueError } from '../config/errors.js';
import { DictNode, ListNode, type Node, ValueNode } from '../config/nodes.js';
import { scalarStr } from '../python/str.js';
import { toYaml } from '../config/output/to-yaml.js';
import { renderDefaultsList, renderDefaultsTree } from '../defaults/render.js';
import { TydraError } from '../errors.js';
import type { Override } from '../overrides/types.js';
import { computeProvenance, formatProvenance } from '../compose/provenance.js';

/** The node at a dotted package (`db`, `db.driver`, `list.0`), with its key path; undefined when absent. */
function select(node: Node, pkg: string): { node: Node; path: (string | number)[] } | undefined {
  let n: Node | undefined = node;
  const path: (string | number)[] = [];
  for (const k of pkg.split('.')) {
    if (n?.kind === 'list') {
      path.push(Number(k));
      n = n.items[Number(k)];
    } else {
      path.push(k);
      n = n?.kind === 'dict' ? n.entries.get(k) : undefined;
    }
  }
  return n ? { node: n, path } : undefined;
}

/**
 * `OmegaConf.resolve`: every interpolation in the subtree resolved, except that one pointing at a
 * missing value (`${hydra.job.num}` outside a sweep) becomes `???` instead of an error.
 */
function resolveLeniently(c: Composition, node: Node, path: (string | number)[]): Node {
  if (node.kind === 'dict') {
    const out = new DictNode(undefined, node.src);
    if (node.keyTypes) out.keyTypes = node.keyTypes;
    for (const [k, v] of node.entries) out.entries.set(k, resolveLeniently(c, v, [...path, k]));
    return out;
  }
  if (node.kind === 'list') return new ListNode(node.items.map((v, i) => resolveLeniently(c, v, [...path, i])), node.src);
  try {
    return c.resolution.materialize({ node, path, final: false }, new Set());
  } catch (e) {
    if (e instanceof InterpolationToMissingValueError) return new ValueNode('str', '???', node.src);
    throw e;
  }
}

/** The `hydra` node without its help templates, as Hydra's `--cfg hydra` and `--hydra-help` show it. */
export function sanitizedHydraTree(c: Composition): DictNode {
  const hydra = c.root.entries.get('hydra');
  const out = new DictNode();
  if (hydra?.kind === 'dict') {
    const copy = new DictNode(undefined, hydra.src);
    for (const [k, v] of hydra.entries) if (k !== 'help' && k !== 'hydra_help') copy.entries.set(k, v);
    out.entries.set('hydra', copy);
  }
  return out;
}

function heading(title: string): string {
  return `${title}\n${'*'.repeat(title.length)}\n`;
}

export function printInfo(composer: Composer, overrides: readonly Override[], args: AppArgs): string {
  const c = composer.compose(overrides);
  if (args.cfg !== undefined) {
    // As Hydra's show_cfg: `job` without the `hydra` node, `hydra` without its help templates,
    // `all` as composed; `-p _global_` is the whole tree; a scalar prints as Python prints it.
    const tree = args.cfg === 'job' ? jobTree(c) : args.cfg === 'hydra' ? sanitizedHydraTree(c) : c.root;
    const pkg = args.package === '_global_' ? undefined : args.package;
    if (pkg === undefined) return toYaml(args.resolve ? resolveLeniently(c, tree, []) : tree);
    const at = args.cfg === 'hydra' && pkg !== 'hydra' && !pkg.startsWith('hydra.') ? `hydra.${pkg}` : pkg;
    const found = select(tree, at);
    if (!found || (found.node.kind === 'value' && found.node.type === 'str' && found.node.value === '???')) {
      throw new TydraError(`Package '${pkg}' not found in the config`);
    }
    if (found.node.kind === 'value') {
      const v = c.resolution.materialize({ node: found.node, path: found.path, final: false }, new Set());
      return `${v.kind === 'value' ? scalarStr(v.type, v.value) : toYaml(v).trimEnd()}\n`;
    }
    return `# @package ${pkg}\n${toYaml(args.resolve ? resolveLeniently(c, found.node, found.path) : found.node)}`;
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
