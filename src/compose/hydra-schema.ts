/**
 * The types of Hydra 1.3's own config (`HydraConf` and its dataclasses), so that values written under
 * `hydra` fail where Hydra's structured config rejects them: null in a field that is not Optional
 * (`hydra.job_logging=null`), a list where a dict is expected, `hydra.mode=FOO`, `hydra.job.num=abc`,
 * and deleting a field of a dataclass (`~hydra.run.dir`). Fields tydra adds (e.g. env_snapshot) and
 * `Any` fields are not checked; values are not converted.
 */
import { ConfigTypeError } from '../config/errors.js';
import { type Node, isInterpolation, isMissing } from '../config/nodes.js';

type FieldType = 'str' | 'str?' | 'int' | 'bool?' | 'mode?' | 'dict' | 'list';
/** A dataclass: a mapping that cannot be null and whose fields cannot be deleted. */
interface Dataclass {
  readonly name: string;
  readonly fields: Readonly<Record<string, FieldType | Dataclass>>;
}

const dc = (name: string, fields: Dataclass['fields']): Dataclass => ({ name, fields });

const HYDRA_CONF = dc('HydraConf', {
  mode: 'mode?',
  searchpath: 'list',
  run: dc('RunDir', { dir: 'str' }),
  sweep: dc('SweepDir', { dir: 'str', subdir: 'str' }),
  hydra_logging: 'dict',
  job_logging: 'dict',
  callbacks: 'dict',
  help: dc('HelpConf', { app_name: 'str', header: 'str', footer: 'str', template: 'str' }),
  hydra_help: dc('HydraHelpConf', { template: 'str', hydra_help: 'str' }),
  output_subdir: 'str?',
  overrides: dc('OverridesConf', { hydra: 'list', task: 'list' }),
  job: dc('JobConf', {
    name: 'str',
    chdir: 'bool?',
    override_dirname: 'str',
    id: 'str',
    num: 'int',
    config_name: 'str?',
    env_set: 'dict',
    env_copy: 'list',
    config: dc('JobConfig', {
      override_dirname: dc('OverrideDirname', { kv_sep: 'str', item_sep: 'str', exclude_keys: 'list' }),
    }),
  }),
  runtime: dc('RuntimeConf', {
    version: 'str',
    version_base: 'str',
    cwd: 'str',
    config_sources: 'list',
    output_dir: 'str',
    choices: 'dict',
  }),
});

/** isInterpolation without its type guard (which would narrow `node` to never when false). */
function holdsInterpolation(node: Node): boolean {
  return isInterpolation(node);
}

const BOOL_TEXT = new Set(['y', 'yes', 'on', 'true', '1', 'n', 'no', 'off', 'false', '0']);

/** Why `node` cannot be stored in a field of this type (undefined when it can). */
function invalid(node: Node, type: FieldType | Dataclass): string | undefined {
  const optional = typeof type === 'string' && type.endsWith('?');
  // `???` and interpolations are checked by Hydra only when read; tydra does not check them.
  if (isMissing(node) || holdsInterpolation(node)) return undefined;
  if (node.kind === 'value' && node.type === 'null') return optional ? undefined : 'is not Optional';
  if (typeof type !== 'string' || type === 'dict') return node.kind === 'dict' ? undefined : `is a ${typeof type === 'string' ? 'Dict' : type.name}`;
  if (type === 'list') return node.kind === 'list' ? undefined : 'is a List';
  if (node.kind !== 'value') return `cannot be a ${node.kind === 'dict' ? 'dict' : 'list'} (a ${type.replace('?', '')} is expected)`;
  const text = String(node.value);
  switch (type) {
    case 'int':
      return node.type === 'int' || (node.type === 'str' && /^[-+]?\d+$/.test(text.trim())) ? undefined : 'could not be converted to Integer';
    case 'bool?':
      return node.type === 'bool' || node.type === 'int' || (node.type === 'str' && BOOL_TEXT.has(text.toLowerCase())) ? undefined : 'is not a valid bool';
    case 'mode?':
      return text === 'RUN' || text === 'MULTIRUN' || (node.type === 'int' && (text === '1' || text === '2')) ? undefined : 'expected one of [RUN, MULTIRUN]';
    default:
      return undefined;
  }
}

function fieldAt(path: readonly string[]): { type: FieldType | Dataclass; parent: Dataclass } | undefined {
  let type: FieldType | Dataclass = HYDRA_CONF;
  let parent: Dataclass = HYDRA_CONF;
  for (const k of path) {
    if (typeof type === 'string') return undefined;
    const next: FieldType | Dataclass | undefined = type.fields[k];
    if (next === undefined) return undefined;
    parent = type;
    type = next;
  }
  return { type, parent };
}

function check(node: Node, type: FieldType | Dataclass, path: string[]): void {
  const why = invalid(node, type);
  if (why) {
    const shown = node.kind === 'value' ? `'${node.value === null ? 'None' : String(node.value)}'` : `a ${node.kind}`;
    throw new ConfigTypeError(`Value ${shown} ${why === 'is not Optional' ? `is not allowed: field '${path.join('.')}' is not Optional` : `for '${path.join('.')}' ${why}`}`, {
      path,
      source: node.src,
    });
  }
  if (typeof type === 'string' || node.kind !== 'dict') return;
  for (const [k, child] of node.entries) {
    const sub = type.fields[k];
    if (sub !== undefined) check(child, sub, [...path, k]);
  }
}

/** Check the `hydra` node of a config (or the part of it at `keys`, e.g. `['hydra', 'job']`). */
export function checkHydraNode(node: Node | undefined, keys: readonly string[] = ['hydra']): void {
  if (node === undefined || keys[0] !== 'hydra') return;
  const field = fieldAt(keys.slice(1));
  if (field) check(node, field.type, [...keys]);
}

/** Refuse to delete a field of one of Hydra's dataclasses (`~hydra.run.dir`), as OmegaConf does. */
export function checkHydraDeletion(keys: readonly string[]): void {
  if (keys[0] !== 'hydra' || keys.length < 2) return;
  const field = fieldAt(keys.slice(1));
  if (field) throw new ConfigTypeError(`${field.parent.name} (DictConfig) does not support deletion: '${keys.join('.')}' is one of its fields`, { path: [...keys] });
}
