/**
 * Shell completion for apps wrapped by `main()`:
 *   eval "$(node train.js -sc install=bash)"       (zsh: the same after `autoload -U bashcompinit && bashcompinit`)
 *   node train.js -sc install=fish | source
 * The shell calls the app back with `-sc query=bash` and the line typed so far. Group names and
 * options come from the search path listing (no composition); config keys need one composition,
 * done only when a key (not a group) is being completed.
 */
import path from 'node:path';
import { Composer, type ComposeOptions, jobTree } from '../compose/compose.js';
import type { Node } from '../config/nodes.js';
import { TydraError } from '../errors.js';
import { parseOverride } from '../overrides/parser.js';
import { type AppArgs, type AppFlagSpec, HYDRA_FLAGS } from './app-flags.js';
import { listGroups } from './app-help.js';

function scriptCommand(): { script: string; name: string } {
  const script = path.resolve(process.argv[1] ?? 'app');
  return { script, name: path.basename(script) };
}

function installBash(): string {
  const { script, name } = scriptCommand();
  const fn = `_tydra_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  return `${fn}() {
  local word=\${COMP_WORDS[COMP_CWORD]}
  case " \${COMP_WORDS[*]} " in
    *"${name}"*) ;;
    *) return 0 ;;
  esac
  local choices
  choices=$(COMP_POINT=$COMP_POINT COMP_LINE=$COMP_LINE "${process.execPath}" "${script}" -sc query=bash 2>/dev/null)
  COMPREPLY=( $(compgen -o nospace -o default -W "$choices" -- "$word") )
}
COMP_WORDBREAKS=\${COMP_WORDBREAKS//=/}
COMP_WORDBREAKS=\${COMP_WORDBREAKS//:/}
complete -o nospace -o default -F ${fn} node ${name}
`;
}

function installFish(): string {
  const { script, name } = scriptCommand();
  return `function __tydra_${name.replace(/[^A-Za-z0-9_]/g, '_')}
    set -lx COMP_LINE (commandline -cp)
    "${process.execPath}" "${script}" -sc query=fish 2>/dev/null
end
complete -c node -n '__fish_seen_subcommand_from ${name}' -f -a '(__tydra_${name.replace(/[^A-Za-z0-9_]/g, '_')})'
complete -c ${name} -f -a '(__tydra_${name.replace(/[^A-Za-z0-9_]/g, '_')})'
`;
}

function keysOf(node: Node, prefix: string, out: string[]): void {
  if (node.kind !== 'dict') return;
  for (const [k, v] of node.entries) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v.kind === 'dict') {
      out.push(`${key}.`);
      keysOf(v, key, out);
    } else out.push(`${key}=`);
  }
}

/** Completions for the word being typed, given the words before it. */
export function complete(line: string, composeOptions: ComposeOptions, appFlags: Readonly<Record<string, AppFlagSpec>>): string[] {
  const words = line.split(/\s+/);
  const current = line.endsWith(' ') ? '' : (words.pop() ?? '');
  const before = words.slice(1).filter((w) => w.includes('=') && !w.startsWith('-'));
  if (current.startsWith('-')) {
    const flags = [...HYDRA_FLAGS.flatMap((f) => f.names.filter((n) => n.startsWith('--'))), ...Object.keys(appFlags).map((f) => `--${f}`)];
    return flags.filter((f) => f.startsWith(current));
  }
  let composer: Composer;
  try {
    composer = new Composer(composeOptions, []);
  } catch {
    return [];
  }
  const repo = composer.repo;
  const prefix = current.match(/^(\+\+|\+|~)?/)?.[0] ?? '';
  const body = current.slice(prefix.length);
  const eq = body.indexOf('=');
  if (eq >= 0) {
    const key = body.slice(0, eq).split('@')[0] as string;
    if (repo.hasGroup(key)) return repo.groupOptions(key).map((o) => `${prefix}${body.slice(0, eq)}=${o}`);
    return [];
  }
  const groups = listGroups(repo).filter((g) => !g.name.startsWith('hydra/') || body.startsWith('hydra'));
  const out = groups.map((g) => `${prefix}${g.name}=`).filter((g) => g.startsWith(current));
  if (body.includes('.') || out.length === 0) {
    try {
      const c = composer.compose(before.map((w) => parseOverride(w)));
      const keys: string[] = [];
      keysOf(jobTree(c), '', keys);
      for (const k of keys) if (`${prefix}${k}`.startsWith(current)) out.push(`${prefix}${k}`);
    } catch {
      // An invalid partial command line completes groups only.
    }
  }
  return out;
}

export function shellCompletion(spec: string, composeOptions: ComposeOptions, _args: AppArgs, appFlags: Readonly<Record<string, AppFlagSpec>>): string {
  const [action, shell] = spec.split('=') as [string, string | undefined];
  if (action === 'install') {
    if (shell === 'bash' || shell === 'zsh') return installBash();
    if (shell === 'fish') return installFish();
    throw new TydraError(`Unsupported shell '${shell ?? ''}': use install=bash, install=zsh or install=fish`);
  }
  if (action === 'uninstall') {
    const { name } = scriptCommand();
    if (shell === 'fish') return `complete -e -c ${name}\n`;
    return `complete -r ${name} 2>/dev/null\n`;
  }
  if (action === 'query') {
    const line = process.env.COMP_LINE ?? '';
    const point = Number(process.env.COMP_POINT ?? line.length);
    return `${complete(line.slice(0, point), composeOptions, appFlags).join(shell === 'fish' ? '\n' : ' ')}\n`;
  }
  throw new TydraError(`--shell-completion takes install=SHELL, uninstall=SHELL or query=SHELL (got '${spec}')`);
}
