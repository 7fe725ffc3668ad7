/**
 * The final defaults list: a depth-first walk of the defaults tree. Each entry is one config to
 * merge, in order, at its package. `_self_` stands for the content of the config that lists it.
 */
import { GroupDefault, type InputDefault } from './elements.js';
import { ConfigCompositionError } from './errors.js';
import { type DefaultsTreeNode, ROOT_PATH, configPathOf } from './tree.js';

export interface ResultDefault {
  /** The config to load, e.g. `server/db/mysql`. */
  configPath: string;
  /** Where its content goes, e.g. `server.db` ('' is the root). */
  package: string;
  /** The config whose defaults list brought it in (`<root>` for the top). */
  parent: string;
  /** This entry is a config's own content (`_self_`). */
  isSelf: boolean;
  primary: boolean;
  /** For group options: how the command line addresses it (`db`, `db@backup`). */
  overrideKey?: string;
  /** The defaults-tree entry (for provenance). */
  entry: InputDefault;
}

export function flattenDefaultsTree(tree: DefaultsTreeNode): ResultDefault[] {
  const out: ResultDefault[] = [];
  const visit = (context: DefaultsTreeNode | undefined, entry: InputDefault) => {
    if (entry.deleted || entry.isMissing() || entry.name() === null) return;
    let r: ResultDefault;
    if (entry.isSelf()) {
      const owner = context?.entry;
      if (!owner) return;
      r = {
        configPath: owner.configPath(),
        package: owner.finalPackage(),
        parent: context.parent ? configPathOf(context.parent) : ROOT_PATH,
        isSelf: true,
        primary: owner.primary,
        entry: owner,
      };
    } else {
      r = {
        configPath: entry.configPath(),
        package: entry.finalPackage(),
        parent: context ? configPathOf(context) : ROOT_PATH,
        isSelf: false,
        primary: entry.primary,
        entry,
      };
      if (entry instanceof GroupDefault) r.overrideKey = entry.overrideKey();
    }
    if (r.configPath === '_dummy_empty_config_') return;
    out.push(r);
  };
  const walk = (node: DefaultsTreeNode) => {
    if (!node.children || node.children.length === 0) {
      if (node.entry) visit(node.parent, node.entry);
      return;
    }
    for (const child of node.children) {
      if (!child.children || child.children.length === 0) {
        if (child.entry) visit(node, child.entry);
      } else walk(child);
    }
  };
  walk(tree);
  const seen = new Set<string>();
  for (const r of out) {
    if (r.isSelf || r.overrideKey === undefined) continue;
    if (seen.has(r.overrideKey)) {
      throw new ConfigCompositionError(`${r.overrideKey} appears more than once in the final defaults list`, {
        hint: `to select several options of one group use a list (${r.overrideKey}: [a, b]); to replace the option use 'override ${r.overrideKey}: …'`,
        source: r.entry.src,
      });
    }
    seen.add(r.overrideKey);
  }
  return out;
}
