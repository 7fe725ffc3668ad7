/**
 * `--help` and `--hydra-help`, rendered from the templates in `hydra.help` / `hydra.hydra_help`.
 * Hydra's placeholders work (`$APP_CONFIG_GROUPS`, `$HYDRA_CONFIG_GROUPS`, `$FLAGS_HELP`,
 * `$CONFIG`, and `${hydra.help.header}` interpolations), and the template is also a handlebars
 * template with `{{app_name}}`, `{{header}}`, `{{footer}}`, `{{#each groups}}{{name}}: {{options}}{{/each}}`,
 * `{{config}}` and `{{flags}}`.
 */
import Handlebars from 'handlebars';
import type { Composer } from '../compose/compose.js';
import { jobTree, resolvedJobTree } from '../compose/compose.js';
import { toYaml } from '../config/output/to-yaml.js';
import type { ConfigRepository } from '../repository/repository.js';
import type { Override } from '../overrides/types.js';
import { type AppFlagSpec, flagsHelp } from './app-flags.js';
import { sanitizedHydraTree } from './app-info.js';

export interface GroupListing {
  name: string;
  options: string[];
}

/** Every config group under `prefix` (recursively) with its options, sorted. */
export function listGroups(repo: ConfigRepository, prefix = ''): GroupListing[] {
  const out: GroupListing[] = [];
  const visit = (group: string) => {
    for (const sub of repo.subgroups(group)) {
      const path = group === '' ? sub : `${group}/${sub}`;
      const options = repo.groupOptions(path);
      if (options.length > 0) out.push({ name: path, options });
      visit(path);
    }
  };
  visit(prefix);
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** As Hydra formats `$APP_CONFIG_GROUPS`: one `group: a, b` line each, every line ending in a newline. */
function groupsText(groups: GroupListing[]): string {
  return groups.map((g) => `${g.name}: ${g.options.join(', ')}\n`).join('');
}

/**
 * `--help` (the app's config in `$CONFIG`, resolved with `--resolve`) or `--hydra-help` (the
 * `hydra` node without its help templates in `$CONFIG`, as Hydra shows it).
 */
export function renderHelp(
  kind: 'app' | 'hydra',
  composer: Composer,
  overrides: readonly Override[],
  appFlags: Readonly<Record<string, AppFlagSpec>>,
  resolve = false,
): string {
  const c = composer.compose(overrides);
  const res = c.resolution;
  const read = (keys: string[]): string => {
    try {
      const loc = res.select(keys);
      return loc && loc.node.kind === 'value' && loc.node.type !== 'null' ? String(res.toPlain(loc)) : '';
    } catch {
      return '';
    }
  };
  const all = listGroups(c.repository);
  const appGroups = all.filter((g) => !g.name.startsWith('hydra/') && g.name !== 'hydra');
  const hydraGroups = all.filter((g) => g.name.startsWith('hydra/'));
  const config = toYaml(kind === 'hydra' ? sanitizedHydraTree(c) : resolve ? resolvedJobTree(c) : jobTree(c));
  const flags = flagsHelp(appFlags);
  const template = kind === 'app' ? read(['hydra', 'help', 'template']) : read(['hydra', 'hydra_help', 'template']);
  // Handlebars first, then Hydra's placeholders: the config, the groups and the flags are
  // inserted as they are, never read as a template (a config value may well contain `{{ }}`).
  const render = Handlebars.compile(template, { noEscape: true });
  const rendered = render({
    app_name: read(['hydra', 'help', 'app_name']),
    header: read(['hydra', 'help', 'header']),
    footer: read(['hydra', 'help', 'footer']),
    groups: appGroups.map((g) => ({ name: g.name, options: g.options.join(', ') })),
    hydra_groups: hydraGroups.map((g) => ({ name: g.name, options: g.options.join(', ') })),
    config,
    flags,
  });
  const placeholders: Record<string, string> = {
    FLAGS_HELP: flags,
    APP_CONFIG_GROUPS: groupsText(appGroups),
    HYDRA_CONFIG_GROUPS: groupsText(hydraGroups),
    CONFIG: config,
  };
  const text = rendered.replace(/\$(FLAGS_HELP|APP_CONFIG_GROUPS|HYDRA_CONFIG_GROUPS|CONFIG)/g, (_m, name: string) => placeholders[name] ?? '');
  // Hydra print()s the text: one more newline, whatever it ends with.
  return `${text}\n`;
}
