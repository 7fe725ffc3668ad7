/**
 * `--info defaults` (the final defaults list as a table) and `--info defaults-tree`, in Hydra's
 * layout so that users can compare the two tools side by side.
 */
import { optionText } from './choices.js';
import { GroupDefault } from './elements.js';
import type { ResultDefault } from './flatten.js';
import type { DefaultsTreeNode } from './tree.js';

export function renderDefaultsList(list: readonly ResultDefault[]): string {
  const header = ['Config path', 'Package', '_self_', 'Parent'];
  const rows = list.map((r) => [r.configPath, r.package, r.isSelf ? 'True' : 'False', r.parent]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  const rule = '-'.repeat(line(header).length);
  return ['Defaults List', '*************', line(header), rule, ...rows.map(line), rule].join('\n');
}

export function renderDefaultsTree(tree: DefaultsTreeNode): string {
  const lines: string[] = [];
  const label = (n: DefaultsTreeNode): string => {
    const e = n.entry;
    if (!e) return '<root>';
    // As Hydra: `_self_` is shown by its config path, so a deep one reads `server/_self_`.
    if (e.isSelf()) return e.configPath();
    let text = e instanceof GroupDefault ? `${e.overrideKey()}: ${optionText(e.value)}` : e.configPath();
    if (e.deleted) text += ' (deleted)';
    return text;
  };
  const visit = (n: DefaultsTreeNode, depth: number) => {
    const indent = '  '.repeat(depth);
    if (n.children && n.children.length > 0) {
      // Hydra writes a node with children as its label and a colon (`db: mysql:`).
      lines.push(`${indent}${label(n)}:`);
      for (const c of n.children) visit(c, depth + 1);
    } else lines.push(`${indent}${label(n)}`);
  };
  visit(tree, 0);
  return lines.join('\n');
}
