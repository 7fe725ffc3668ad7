/**
 * tydra's own configs, composed under `hydra` exactly as Hydra 1.3 composes its `hydra/config`:
 * run and sweep dirs, job and runtime info, the launcher and sweeper groups, help templates.
 * Users override them as in Hydra (`hydra.run.dir=...`, `hydra/launcher=local`, a `hydra:` node
 * in the primary config).
 */
import { type Node, nodeFromJs } from '../config/nodes.js';
import type { Source } from '../config/source.js';
import { MemorySource, type StoredConfig } from '../repository/memory-source.js';

const MISSING = '???';

const helpTemplate = [
  '${hydra.help.header}',
  'This is ${hydra.help.app_name}!',
  'You can choose a configuration from the groups below, e.g. group=option,',
  'and override any value, e.g. key.subkey=value.',
  '',
  '== Configuration groups ==',
  'Compose your configuration from those groups (group=option)',
  '',
  '$APP_CONFIG_GROUPS',
  '',
  '== Config ==',
  'Override anything in the config (foo.bar=value)',
  '',
  '$CONFIG',
  '',
  '${hydra.help.footer}',
].join('\n');

const hydraHelpTemplate = [
  "Hydra (tydra)",
  'See https://hydra.cc for more info (tydra follows Hydra 1.3).',
  '',
  '== Flags ==',
  '$FLAGS_HELP',
  '',
  '== Configuration groups ==',
  'Compose your configuration from those groups (For example, append hydra/job_logging=disabled to command line)',
  '',
  '$HYDRA_CONFIG_GROUPS',
  '',
  "Use '--cfg hydra' to Show the Hydra config.",
].join('\n');

const logFormat = '[%(asctime)s][%(name)s][%(levelname)s] - %(message)s';

/** The body of `hydra/config` (Hydra's HydraConf), merged under `hydra`. */
const hydraConfig = {
  // Hydra 1.3's order (it shows in --info defaults and in hydra.runtime.choices), with its
  // `callbacks: null` and `env: default`, so `override hydra/callbacks: x` and `hydra/env=x` work.
  defaults: [
    { output: 'default' },
    { launcher: 'basic' },
    { sweeper: 'basic' },
    { help: 'default' },
    { hydra_help: 'default' },
    { hydra_logging: 'default' },
    { job_logging: 'default' },
    { callbacks: null },
    { env: 'default' },
    '_self_',
  ],
  mode: null,
  searchpath: [],
  callbacks: {},
  output_subdir: '.hydra',
  overrides: { hydra: [], task: [] },
  job: {
    name: MISSING,
    chdir: null,
    override_dirname: MISSING,
    id: MISSING,
    num: MISSING,
    config_name: MISSING,
    env_set: {},
    env_copy: [],
    config: { override_dirname: { kv_sep: '=', item_sep: ',', exclude_keys: [] } },
    env_snapshot: { allow: [], deny: [] },
  },
  runtime: {
    version: MISSING,
    version_base: MISSING,
    cwd: MISSING,
    config_sources: MISSING,
    output_dir: MISSING,
    choices: {},
  },
  verbose: false,
};

const stored: Record<string, { node: unknown; header?: string }> = {
  'hydra/config': { node: hydraConfig },
  'hydra/output/default': {
    header: 'hydra',
    node: {
      run: { dir: 'outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}' },
      sweep: { dir: 'multirun/${now:%Y-%m-%d}/${now:%H-%M-%S}', subdir: '${hydra.job.num}' },
    },
  },
  'hydra/launcher/basic': { node: { _target_: 'tydra.launchers.basic' } },
  'hydra/launcher/local': {
    node: { _target_: 'tydra.launchers.local', n_jobs: null, timeout_min: null, gpus: [], kill_grace_s: 10, reuse_processes: false },
  },
  'hydra/launcher/slurm': {
    node: {
      _target_: 'tydra.launchers.slurm',
      submitit_folder: '${hydra.sweep.dir}/.slurm',
      timeout_min: 60,
      cpus_per_task: null,
      gpus_per_node: null,
      tasks_per_node: 1,
      mem_gb: null,
      nodes: 1,
      name: '${hydra.job.name}',
      partition: null,
      qos: null,
      comment: null,
      constraint: null,
      exclude: null,
      gres: null,
      cpus_per_gpu: null,
      gpus_per_task: null,
      mem_per_gpu: null,
      mem_per_cpu: null,
      account: null,
      signal_delay_s: 120,
      max_num_timeout: 0,
      additional_parameters: {},
      array_parallelism: 256,
      setup: null,
      srun_args: null,
      stderr_to_stdout: false,
      poll_interval_s: 1,
      max_array_size: 1000,
    },
  },
  'hydra/sweeper/basic': {
    node: { _target_: 'tydra.sweepers.basic', max_batch_size: null, params: null, zip: [], jobs_file: null, metric: null, direction: 'minimize' },
  },
  'hydra/sweeper/random': {
    node: {
      _target_: 'tydra.sweepers.random',
      n_trials: 20,
      n_jobs: 2,
      seed: null,
      direction: 'minimize',
      metric: null,
      max_failure_rate: 0.0,
      params: null,
    },
  },
  'hydra/help/default': {
    node: {
      app_name: '${hydra.job.name}',
      header: '== ${hydra.help.app_name} ==',
      footer: 'Powered by tydra (Hydra-style configuration for TypeScript)\nUse --hydra-help to view Hydra specific help',
      template: helpTemplate,
    },
  },
  'hydra/hydra_help/default': { node: { hydra_help: '???', template: hydraHelpTemplate } },
  'hydra/hydra_logging/default': {
    node: { version: 1, formatters: { simple: { format: '[%(asctime)s][HYDRA] %(message)s' } }, root: { level: 'INFO' }, disable_existing_loggers: false },
  },
  'hydra/hydra_logging/disabled': { node: { version: 1, root: { level: 'ERROR' }, disable_existing_loggers: false } },
  'hydra/hydra_logging/none': { node: {} },
  'hydra/job_logging/default': {
    node: {
      version: 1,
      formatters: { simple: { format: logFormat } },
      handlers: {
        console: { class: 'console', formatter: 'simple' },
        file: { class: 'file', formatter: 'simple', filename: '${hydra.runtime.output_dir}/${hydra.job.name}.log' },
      },
      root: { level: 'INFO', handlers: ['console', 'file'] },
      disable_existing_loggers: false,
    },
  },
  'hydra/job_logging/stdout': {
    node: { version: 1, formatters: { simple: { format: logFormat } }, handlers: { console: { class: 'console', formatter: 'simple' } }, root: { level: 'INFO', handlers: ['console'] } },
  },
  'hydra/job_logging/disabled': { node: { version: 1, root: { level: 'ERROR', handlers: [] }, disable_existing_loggers: false } },
  'hydra/job_logging/none': { node: {} },
  // Hydra's place for environment-specific settings of Hydra itself (empty by default).
  'hydra/env/default': { node: {} },
};

let source: MemorySource | undefined;

/** The source of `hydra/...` configs, first in every search path (as Hydra's `pkg://hydra.conf`). */
export function hydraConfigSource(): MemorySource {
  if (source) return source;
  const entries = new Map<string, StoredConfig>();
  for (const [path, { node, header }] of Object.entries(stored)) {
    const src: Source = { kind: 'code', name: `tydra:${path}` };
    const n: Node = nodeFromJs(node, src);
    entries.set(path, { path, node: n, packageHeader: header });
  }
  source = new MemorySource('tydra', 'builtin://tydra.conf/', entries);
  return source;
}
