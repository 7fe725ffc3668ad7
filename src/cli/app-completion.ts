/**
 * Shell completion for apps wrapped by `main()`:
 *   eval "$(node train.js -sc install=bash)"       (zsh: the same after `autoload -U bashcompinit && bashcompinit`)
 *   node train.js -sc install=fish | source
 * The shell calls the app back with `-sc query=bash` and the line typed so far. What is offered
 * follows Hydra 1.3 (tests/test_completion.py): groups and keys one level at a time, a key's current
 * value, files for a value starting with `.` or `/`. Group names and options come from the search
 * path listing (no composition); config keys need one composition (with the overrides typed before),
 * never done for a word naming a group path (`server/`, `db=`, `db@backup=`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Composer, type ComposeOptions, type Composition, jobTree } from '../compose/compose.js';
import { type Node, isInterpolation, isMissing } from '../config/nodes.js';
import { nodeAt } from '../config/select.js';
import { TydraError } from '../errors.js';
import { parseOverride } from '../overrides/parser.js';
import type { Override } from '../overrides/types.js';
import { scalarStr } from '../python/str.js';
import type { ConfigRepository } from '../repository/repository.js';
import { type AppArgs, type AppFlagSpec, HYDRA_FLAGS } from './app-flags.js';

function scriptCommand(): { script: string; name: string; fn: string } {
  const script = path.resolve(process.argv[1] ?? 'app');
  const name = path.basename(script);
  return { script, name, fn: `_tydra_${name.replace(/[^A-Za-z0-9_]/g, '_')}` };
}

function installBash(): string {
  const { script, name, fn } = scriptCommand();
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
# node <app>.js: one function for every tydra app, calling the function of the app named on the
# line, so that installing a second app does not take node's completion from the first.
_tydra_node() {
  local app=\${COMP_WORDS[1]##*/}
  local fn=_tydra_\${app//[^A-Za-z0-9_]/_}
  if declare -F "$fn" >/dev/null; then "$fn"; fi
}
COMP_WORDBREAKS=\${COMP_WORDBREAKS//=/}
COMP_WORDBREAKS=\${COMP_WORDBREAKS//:/}
complete -o nospace -o default -F _tydra_node node
complete -o nospace -o default -F ${fn} ${name}
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

function keyEntry(key: string, node: Node | undefined): string {
  return node !== undefined && node.kind !== 'value' ? `${key}.` : `${key}=`;
}

/** The children of a container as completions (`key.` for containers, `key=` for values). */
function childEntries(node: Node | undefined, partial: string): string[] {
  if (node === undefined) return [];
  if (node.kind === 'dict') return [...node.entries].filter(([k]) => k.startsWith(partial)).map(([k, v]) => keyEntry(k, v));
  if (node.kind === 'list') return node.items.map((v, i) => [String(i), v] as const).filter(([i]) => i.startsWith(partial)).map(([i, v]) => keyEntry(i, v));
  return [];
}

/** `key=` completes with the key's current value (as Hydra; a `???` value gives `key=` alone, null nothing). */
function valueOf(c: Composition, path: string[]): string[] {
  let node = nodeAt(c.root, path);
  if (node === undefined || node.kind !== 'value') return [];
  if (isMissing(node)) return [''];
  if (isInterpolation(node)) {
    try {
      const loc = c.resolution.select(path);
      if (loc?.node.kind === 'value') node = loc.node;
    } catch {
      // Unresolvable: offer the interpolation as written.
    }
    if (node.kind !== 'value') return [];
  }
  if (node.type === 'null') return [];
  if (node.type === 'bool') return [String(node.value)];
  return [scalarStr(node.type, node.value)];
}

/**
 * Config keys matching `word`, one level at a time as Hydra (`dict.` gives `dict.key1=`, not deeper
 * keys); `key=` gives the key's value (tydra: `key=v` too, when the value starts with `v`).
 */
function keyMatches(c: Composition, word: string, withHydra: boolean): string[] {
  const root = withHydra ? c.root : jobTree(c);
  const pathOf = (key: string) => (key.split('.').some((k) => k === '') ? undefined : key.split('.'));
  const eq = word.indexOf('=');
  if (eq >= 0) {
    const path = pathOf(word.slice(0, eq));
    return path ? valueOf(c, path).map((v) => `${word.slice(0, eq + 1)}${v}`).filter((m) => m.startsWith(word)) : [];
  }
  if (word.endsWith('.')) {
    const path = pathOf(word.slice(0, -1));
    const node = path && nodeAt(root, path);
    return node && node.kind !== 'value' ? childEntries(node, '').map((e) => `${word}${e}`) : [];
  }
  const dot = word.lastIndexOf('.');
  if (dot < 0) return childEntries(root, word);
  const base = word.slice(0, dot);
  const path = pathOf(base);
  return childEntries(path && nodeAt(root, path), word.slice(dot + 1)).map((e) => `${base}.${e}`);
}

/** Hydra's file completion: a value starting with `.`, `/` or `\` completes with the files there. */
function fileMatches(word: string, cwd: string): string[] | undefined {
  const eq = word.lastIndexOf('=');
  if (eq < 0) return undefined;
  const keyEq = word.slice(0, eq + 1);
  const name = word.slice(eq + 1);
  if (name === '' || !/^[./\\]/.test(name)) return undefined;
  const isDir = (p: string) => {
    try {
      return fs.statSync(path.resolve(cwd, p)).isDirectory();
    } catch {
      return false;
    }
  };
  const dir = isDir(name) ? name : path.dirname(name);
  const base = isDir(name) ? '' : path.basename(name);
  let files: string[] = [];
  try {
    files = fs.readdirSync(path.resolve(cwd, dir));
  } catch {
    return [];
  }
  // Joined as Python's os.path.join (path.join would drop the `./` the user typed).
  const join = (f: string) => (/[/\\]$/.test(dir) ? `${dir}${f}` : `${dir}${path.sep}${f}`);
  return files.filter((f) => f.startsWith(base)).map((f) => `${keyEq}${join(f)}`);
}

/**
 * Group names one level at a time, as Hydra: `group=` for a group with options only, `group/` for
 * one with subgroups only, `group` for one with both. From the search path listing (no composition).
 */
function groupMatches(repo: ConfigRepository, word: string): string[] {
  const slash = word.lastIndexOf('/');
  const parent = slash < 0 ? '' : word.slice(0, slash);
  if (parent !== '' && !repo.hasGroup(parent)) return [];
  const out: string[] = [];
  for (const sub of repo.subgroups(parent)) {
    const name = parent === '' ? sub : `${parent}/${sub}`;
    if (!name.startsWith(word)) continue;
    // tydra: Hydra's own groups only once the word starts with `hydra`.
    if (name === 'hydra' && !word.startsWith('hydra')) continue;
    const options = repo.groupOptions(name).length > 0;
    const subgroups = repo.subgroups(name).length > 0;
    out.push(options && !subgroups ? `${name}=` : subgroups && !options ? `${name}/` : name);
  }
  return out;
}

interface LineWords {
  /** The word under the cursor ('' after a space). */
  word: string;
  overrides: Override[];
  multirun: boolean;
  /** The word is the value of this flag (`-c |`). */
  flagValue?: string;
  /** The word follows `--` (passed through to the app). */
  passthrough: boolean;
}

function splitLine(line: string, appFlags: Readonly<Record<string, AppFlagSpec>>): LineWords {
  const words = line.trim() === '' ? [] : line.trim().split(/\s+/);
  const word = line === '' || /\s$/.test(line) ? '' : (words.pop() ?? '');
  const valued = new Set<string>();
  for (const f of HYDRA_FLAGS) if (f.value === 'required') for (const n of f.names) valued.add(n);
  for (const [name, spec] of Object.entries(appFlags)) {
    if (spec.type === 'boolean') continue;
    valued.add(`--${name}`);
    if (spec.alias) valued.add(`-${spec.alias}`);
  }
  const out: LineWords = { word, overrides: [], multirun: false, passthrough: false };
  // words[0] is the command (`node`, `./train.js`); a script after it does not parse as an override.
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '--') return { ...out, passthrough: true };
    if (w.startsWith('-') && !/^-\d/.test(w)) {
      if (w === '-m' || w === '--multirun' || w.startsWith('--resume')) out.multirun = true;
      if (valued.has(w)) {
        if (i === words.length - 1) out.flagValue = w;
        i++;
      }
      continue;
    }
    try {
      out.overrides.push(parseOverride(w));
    } catch {
      // Not an override (the script, a typo): ignored.
    }
  }
  return out;
}

/** Completions for the word being typed, given the words before it (sorted, as Hydra). */
export function complete(line: string, composeOptions: ComposeOptions, appFlags: Readonly<Record<string, AppFlagSpec>>): string[] {
  const { word, overrides, multirun, flagValue, passthrough } = splitLine(line, appFlags);
  const sorted = (xs: string[]) => [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (passthrough) return [];
  if (flagValue !== undefined) {
    // tydra: a flag's value (Hydra offers overrides there). Paths are left to the shell.
    const choices = flagValue === '--cfg' || flagValue === '-c' ? ['job', 'hydra', 'all'] : flagValue === '-sc' || flagValue === '--shell-completion' ? ['install=bash', 'install=zsh', 'install=fish', 'uninstall=bash', 'uninstall=zsh', 'uninstall=fish'] : [];
    return sorted(choices.filter((c) => c.startsWith(word)));
  }
  if (word.startsWith('-') && !/^-\d/.test(word)) {
    // tydra: Hydra does not complete flags.
    const flags = [...HYDRA_FLAGS.flatMap((f) => f.names.filter((n) => n.startsWith('--'))), ...Object.keys(appFlags).map((f) => `--${f}`)];
    return sorted(flags.filter((f) => f.startsWith(word)));
  }
  const files = fileMatches(word, composeOptions.cwd ?? process.cwd());
  if (files) return sorted(files);
  let composer: Composer;
  try {
    composer = new Composer({ ...composeOptions, mode: multirun ? 'multirun' : 'run' }, overrides);
  } catch {
    return [];
  }
  const repo = composer.repo;
  // `+`, `++` and `~` (Hydra: `+` and `~` on groups only).
  const prefix = /^(\+\+|\+|~)/.exec(word)?.[0] ?? '';
  const body = word.slice(prefix.length);
  const eq = body.indexOf('=');
  if (eq >= 0) {
    const key = body.slice(0, eq);
    const group = key.split('@')[0] as string;
    if (repo.hasGroup(group)) {
      const options = repo.groupOptions(group);
      // Options of a group: from the listing, no composition. In a sweep (`group=a,b`), the last option
      // is completed with those not chosen yet (Hydra marks `group=a,` → `group=a,b` as not supported).
      if (options.length > 0) {
        const value = body.slice(eq + 1);
        const comma = /^[\w./-]*(,[\w./-]*)+$/.test(value) ? value.lastIndexOf(',') : -1;
        const chosen = value.slice(0, comma + 1).split(',');
        const head = `${prefix}${key}=${value.slice(0, comma + 1)}`;
        return sorted(options.filter((o) => !chosen.includes(o)).map((o) => `${head}${o}`).filter((o) => o.startsWith(word)));
      }
    }
  }
  const out = eq >= 0 ? [] : groupMatches(repo, body).map((g) => `${prefix}${g}`);
  // Config keys need one composition (with the overrides typed before); group paths never do.
  if (!body.includes('/') && !body.includes('@')) {
    try {
      const c = composer.compose(overrides);
      for (const k of keyMatches(c, body, body.startsWith('hydra'))) out.push(`${prefix}${k}`);
    } catch {
      // A command line that does not compose (yet) completes groups only.
    }
  }
  return sorted(out);
}

export function shellCompletion(spec: string, composeOptions: ComposeOptions, _args: AppArgs, appFlags: Readonly<Record<string, AppFlagSpec>>): string {
  const [action, shell] = spec.split('=') as [string, string | undefined];
  if (action === 'install') {
    if (shell === 'bash' || shell === 'zsh') return installBash();
    if (shell === 'fish') return installFish();
    throw new TydraError(`Unsupported shell '${shell ?? ''}': use install=bash, install=zsh or install=fish`);
  }
  if (action === 'uninstall') {
    const { name, fn } = scriptCommand();
    if (shell === 'fish') return `complete -e -c ${name}\n`;
    // `node`'s dispatcher stays for the other apps; without this app's function it offers files.
    return `complete -r ${name} 2>/dev/null
unset -f ${fn}
`;
  }
  if (action === 'query') {
    const line = process.env.COMP_LINE ?? '';
    const point = Number(process.env.COMP_POINT ?? line.length);
    return `${complete(line.slice(0, point), composeOptions, appFlags).join(shell === 'fish' ? '\n' : ' ')}\n`;
  }
  throw new TydraError(`--shell-completion takes install=SHELL, uninstall=SHELL or query=SHELL (got '${spec}')`);
}
