/**
 * What an app wrapped by main() prints and does, against the app-level tests of Hydra 1.3's
 * tests/test_hydra.py (recreated with our own conf trees, run in process): --cfg/--resolve/-p,
 * --help/--hydra-help templates, --info, the run dir and .hydra/, env_set, chdir, hydra.mode,
 * -cp/-cn/-cd, task failures. Each test is named after the Hydra test it follows; the
 * composition-only scenarios are in test/compose/hydra-compose-app.test.ts.
 *
 * Adapted where docs/coming-from-hydra.md documents a difference: tydra's own log lines and help
 * texts, `<dir>_1` for a taken run dir, the job log always written, no stack trace for a user
 * mistake.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ConfigStore } from '../../src/repository/config-store.js';
import { type MainOptions, main } from '../../src/runtime/main.js';
import type { RunContext } from '../../src/runtime/run-job.js';
import { confTree, tempDir } from '../helpers/conf-tree.js';

type Task = (cfg: Record<string, unknown>, ctx: RunContext) => unknown;

interface AppRun {
  result: unknown;
  error: unknown;
  /** What --cfg/--help/--info printed (stdout). */
  printed: string;
  /** The job and sweep log lines on the console. */
  logs: string;
  /** What main reported on stderr. */
  stderr: string;
  cwd: string;
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Run an app on a conf tree (or none) with argv, in process; never throws. */
async function runApp(
  files: Record<string, string> | null,
  argv: string[],
  task: Task = () => undefined,
  extra: Partial<MainOptions> & { cwd?: string } = {},
): Promise<AppRun> {
  const cwd = extra.cwd ?? tempDir();
  const logs: string[] = [];
  const printed: string[] = [];
  const stderr: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr.push(String(s));
    return true;
  });
  let result: unknown;
  let error: unknown;
  try {
    result = await main(
      {
        ...(files ? { configPath: confTree(files), configName: 'config' } : {}),
        name: 'my_app',
        argv,
        cwd,
        console: (l) => logs.push(l),
        print: (s) => printed.push(s),
        ...extra,
      },
      task as (cfg: unknown, ctx: RunContext) => unknown,
    );
  } catch (e) {
    error = e;
  } finally {
    vi.restoreAllMocks();
  }
  return { result, error, printed: printed.join(''), logs: logs.join('\n'), stderr: stderr.join(''), cwd };
}

/** Every file and directory under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      out.push(e.isDirectory() ? `${r}/` : r);
      if (e.isDirectory()) walk(path.join(d, e.name), r);
    }
  };
  if (fs.existsSync(dir)) walk(dir, '');
  return out.sort();
}

const ctxDir: Task = (_c, ctx) => ctx.outputDir;

/** Hydra's examples/tutorials/basic/your_first_hydra_app/5_defaults. */
const defaultsApp = {
  'config.yaml': 'defaults:\n  - db: mysql\n',
  'db/mysql.yaml': 'driver: mysql\nuser: omry\npass: secret\n',
  'db/postgresql.yaml': 'driver: postgresql\nuser: postgres_user\npass: drowssap\ntimeout: 10\n',
};
/** Hydra's 2_config_file app. */
const configFileApp = { 'config.yaml': 'db:\n  driver: mysql\n  user: omry\n  password: secret\n' };
/** Hydra's tests/test_apps/app_with_cfg. */
const appWithCfg = { 'config.yaml': 'dataset:\n  name: imagenet\n  path: /datasets/imagenet\n' };

describe('the app without or with a config file', () => {
  it('test_app_without_config__with_append: an empty config plus appended keys; config.yaml and overrides.yaml in .hydra (verify_dir_outputs)', async () => {
    const r = await runApp(null, ['+abc=123', '+a.b=1', '+a.a=2'], (cfg, ctx) => ({ cfg, dir: ctx.outputDir }));
    const { cfg, dir } = r.result as { cfg: unknown; dir: string };
    expect(cfg).toEqual({ abc: 123, a: { b: 1, a: 2 } });
    expect(fs.readFileSync(path.join(dir, '.hydra', 'config.yaml'), 'utf8')).toBe('abc: 123\na:\n  b: 1\n  a: 2\n');
    expect(fs.readFileSync(path.join(dir, '.hydra', 'overrides.yaml'), 'utf8')).toBe("- +abc=123\n- +a.b=1\n- +a.a=2\n");
  });

  it('test_app_without_config___no_overrides: runs with an empty config', async () => {
    const r = await runApp(null, [], (cfg) => cfg);
    expect(r.result).toEqual({});
  });

  it('test_app_with_config_file__with_overide: the task gets the overridden value and .hydra records it', async () => {
    const r = await runApp(appWithCfg, ['dataset.path=/datasets/imagenet2'], (cfg, ctx) => ({ cfg, dir: ctx.outputDir }));
    const { cfg, dir } = r.result as { cfg: unknown; dir: string };
    expect(cfg).toEqual({ dataset: { name: 'imagenet', path: '/datasets/imagenet2' } });
    expect(fs.readFileSync(path.join(dir, '.hydra', 'config.yaml'), 'utf8')).toBe('dataset:\n  name: imagenet\n  path: /datasets/imagenet2\n');
    expect(fs.readFileSync(path.join(dir, '.hydra', 'overrides.yaml'), 'utf8')).toBe('- dataset.path=/datasets/imagenet2\n');
  });

  it('test_app_with_unicode_config: unicode values reach the task', async () => {
    expect((await runApp({ 'config.yaml': 'config: 数据库\n' }, [], (cfg) => cfg)).result).toEqual({ config: '数据库' });
  });

  it('test_missing_conf_dir / test_missing_conf_file: one message, no run dir, the task never runs', async () => {
    let ran = false;
    const task = () => {
      ran = true;
    };
    const cwd = tempDir();
    const noDir = await runApp(null, [], task, { configPath: path.join(cwd, 'dir_not_found'), configName: 'config', cwd });
    expect(noDir.error).toBeDefined();
    expect(noDir.stderr).toMatch(/^Error: Primary config directory not found\.\n.*dir_not_found/);
    const noFile = await runApp(null, [], task, { configName: 'not_found', cwd });
    expect(noFile.error).toBeDefined();
    expect(noFile.stderr).toMatch(/^Error: .*not_found/s);
    expect(ran).toBe(false);
    expect(tree(cwd)).toEqual([]);
  });

  it('test_hydra_main_without_config_path: no config path is not an error and prints no warning', async () => {
    const r = await runApp(null, [], (cfg) => cfg);
    expect(r.result).toEqual({});
    expect(r.stderr).toBe('');
    expect(r.logs).toBe('');
  });
});

describe('--cfg, --resolve and --package', () => {
  for (const resolve of [false, true]) {
    for (const [flag, keys, absent] of [
      ['--cfg=all', ['db', 'hydra'], []],
      ['--cfg=hydra', ['hydra'], ['db']],
      ['--cfg=job', ['db'], ['hydra']],
    ] as const) {
      it(`test_cfg[${flag}${resolve ? ',resolve' : ''}]: prints ${keys.join(' and ')}, runs nothing`, async () => {
        let ran = false;
        const r = await runApp(defaultsApp, ['hydra.run.dir=out', flag, ...(resolve ? ['--resolve'] : [])], () => {
          ran = true;
        });
        expect(r.error).toBeUndefined();
        expect(ran).toBe(false);
        expect(tree(r.cwd)).toEqual([]);
        const top = r.printed.split('\n').filter((l) => /^\w/.test(l)).map((l) => l.split(':')[0]);
        for (const k of keys) expect(top).toContain(k);
        for (const k of absent) expect(top).not.toContain(k);
      });
    }
  }

  it('test_cfg[--cfg=hydra]: the hydra node without its help templates (get_sanitized_hydra_cfg)', async () => {
    const r = await runApp(defaultsApp, ['--cfg', 'hydra']);
    expect(r.printed).toMatch(/^hydra:\n {2}run:\n {4}dir: outputs\/\$\{now:%Y-%m-%d\}\/\$\{now:%H-%M-%S\}\n/);
    expect(r.printed).not.toMatch(/^ {2}help:/m);
    expect(r.printed).not.toMatch(/^ {2}hydra_help:/m);
    const all = await runApp(defaultsApp, ['--cfg', 'all']);
    expect(all.printed).toMatch(/^ {2}help:/m);
  });

  it('test_cfg[--cfg=all,resolve]: an interpolation to a missing value prints as ??? (OmegaConf.resolve), not an error', async () => {
    const r = await runApp(defaultsApp, ['hydra.run.dir=out', '--cfg=all', '--resolve']);
    expect(r.error).toBeUndefined();
    expect(r.printed).toContain('    subdir: ???\n');
    expect(r.printed).toContain('    dir: out\n');
    expect(r.printed).toContain('db:\n  driver: mysql\n');
  });

  const dbYaml = 'db:\n  driver: mysql\n  user: omry\n  pass: secret\n';
  for (const resolve of [false, true]) {
    for (const [id, flags, expected] of [
      ['no-package', ['--cfg=job'], dbYaml],
      ['package=_global_', ['--cfg=job', '--package=_global_'], dbYaml],
      ['package=db', ['--cfg=job', '--package=db'], '# @package db\ndriver: mysql\nuser: omry\npass: secret\n'],
      ['package=db.driver', ['--cfg=job', '--package=db.driver'], 'mysql\n'],
    ] as const) {
      it(`test_cfg_with_package[${id}${resolve ? ',resolve' : ''}]`, async () => {
        const r = await runApp(defaultsApp, ['hydra.run.dir=out', ...flags, ...(resolve ? ['--resolve'] : [])]);
        expect(r.error).toBeUndefined();
        expect(r.printed).toBe(expected);
      });
    }
  }

  it('test_cfg_with_package: a scalar prints as Python prints it, resolved; an unknown package is one error', async () => {
    const files = { 'config.yaml': 'a: ${b}\nb: true\nc: 0.1\nd: null\n' };
    expect((await runApp(files, ['--cfg', 'job', '-p', 'a'])).printed).toBe('True\n');
    expect((await runApp(files, ['--cfg', 'job', '-p', 'c'])).printed).toBe('0.1\n');
    expect((await runApp(files, ['--cfg', 'job', '-p', 'd'])).printed).toBe('None\n');
    const missing = await runApp(files, ['--cfg', 'job', '-p', 'nope']);
    expect(missing.printed).toBe('');
    expect(missing.stderr).toBe("Error: Package 'nope' not found in the config\n");
  });

  const interpolation = { 'config.yaml': 'a: ${b}\nb: 10\n' };
  it('test_cfg_resolve_interpolation[cfg]: interpolations are printed as written', async () => {
    expect((await runApp(interpolation, ['--cfg=job'])).printed).toBe('a: ${b}\nb: 10\n');
  });
  it('test_cfg_resolve_interpolation[resolve]: and resolved with --resolve', async () => {
    expect((await runApp(interpolation, ['--cfg=job', '--resolve'])).printed).toBe('a: 10\nb: 10\n');
  });
  it('test_cfg_resolve_interpolation[resolve_hydra_config]: an interpolation into the hydra node resolves', async () => {
    expect((await runApp({ 'config.yaml': 'a: ${hydra:job.name}\n' }, ['--cfg=job', '--resolve'])).printed).toBe('a: my_app\n');
  });

  for (const other of [[], ['--run'], ['--multirun'], ['--info'], ['--shell-completion', 'install=bash'], ['--hydra-help']]) {
    it(`test_resolve_flag_errmsg[${other[0] ?? 'None'}]: --resolve needs --cfg or --help`, async () => {
      let ran = false;
      const r = await runApp(configFileApp, ['hydra.run.dir=out', '--resolve', ...other], () => {
        ran = true;
      });
      expect(r.stderr).toBe('Error: The --resolve flag can only be used in conjunction with --cfg or --help\n');
      expect((r.error as Error).message).toBe('The --resolve flag can only be used in conjunction with --cfg or --help');
      expect(r.printed).toBe('');
      expect(ran).toBe(false);
      expect(tree(r.cwd)).toEqual([]);
    });
  }

  it('_run_hydra: only one of --run, --multirun, --cfg, --info and --shell-completion', async () => {
    for (const argv of [
      ['--cfg', 'job', '-m'],
      ['--info', '--cfg', 'job'],
      ['-r', '-m'],
    ]) {
      const r = await runApp(configFileApp, argv);
      expect(r.stderr).toBe('Error: Only one of --run, --multirun, --cfg, --info and --shell_completion can be specified\n');
      expect(r.printed).toBe('');
    }
    // --help wins over everything, as in Hydra.
    expect((await runApp(configFileApp, ['hydra.help.template=foo', '--help', '--cfg', 'job', '-m'])).printed).toBe('foo\n');
  });
});

describe('--help and --hydra-help', () => {
  const cases: [string, Record<string, string> | null, string[], string[], string][] = [
    ['simple_cli_app', null, ['--help'], ['hydra.help.template=foo'], 'foo\n'],
    ['overriding_help_template', configFileApp, ['--help'], ['hydra.help.template=foo'], 'foo\n'],
    ['overriding_help_template:$CONFIG', configFileApp, ['--help'], ['hydra.help.template=$CONFIG', 'db.user=root'], 'db:\n  driver: mysql\n  user: root\n  password: secret\n\n'],
    [
      'overriding_help_template:$CONFIG,interp,yes_resolve',
      configFileApp,
      ['--help', '--resolve'],
      ['hydra.help.template=$CONFIG', 'db.user=${db.driver}'],
      'db:\n  driver: mysql\n  user: mysql\n  password: secret\n\n',
    ],
    [
      'overriding_help_template:$CONFIG,resolve_interp_to_hydra_config',
      appWithCfg,
      ['--help', '--resolve'],
      ['hydra.help.template=$CONFIG', 'dataset.name=${hydra:job.name}'],
      'dataset:\n  name: my_app\n  path: /datasets/imagenet\n\n',
    ],
    [
      'overriding_help_template:$CONFIG,interp,no_resolve',
      configFileApp,
      ['--help'],
      ['hydra.help.template=$CONFIG', 'db.user=${db.driver}'],
      'db:\n  driver: mysql\n  user: ${db.driver}\n  password: secret\n\n',
    ],
    ['overriding_help_template:$APP_CONFIG_GROUPS', defaultsApp, ['--help'], ['hydra.help.template=$APP_CONFIG_GROUPS'], 'db: mysql, postgresql\n\n'],
    ['overriding_hydra_help_template', configFileApp, ['--hydra-help'], ['hydra.hydra_help.template=foo'], 'foo\n'],
  ];
  // The text is what Python's print() writes: the template with $CONFIG (YAML, ending in a
  // newline) or $APP_CONFIG_GROUPS (every line ending in a newline) put in, plus a newline.
  for (const [id, files, flags, overrides, expected] of cases) {
    it(`test_help[${id}]`, async () => {
      let ran = false;
      const r = await runApp(files, ['hydra.run.dir=out', ...overrides, ...flags], () => {
        ran = true;
      });
      expect(r.error).toBeUndefined();
      expect(r.printed).toBe(expected);
      expect(ran).toBe(false);
      expect(tree(r.cwd)).toEqual([]);
    });
  }

  for (const flag of ['--help', '--hydra-help']) {
    it(`test_help[overriding_${flag === '--help' ? '' : 'hydra_'}help_template:$FLAGS_HELP]: Hydra's flags, one a line, then the overrides`, async () => {
      const key = flag === '--help' ? 'hydra.help.template' : 'hydra.hydra_help.template';
      const r = await runApp(configFileApp, [`${key}=$FLAGS_HELP`, flag]);
      const lines = r.printed.trimEnd().split('\n');
      const names = lines.map((l) => l.split(' : ')[0]?.trim());
      // Hydra 1.3's flags in Hydra's order (tydra has no --experimental-rerun; its own flags follow).
      const hydra = ['--help,-h', '--hydra-help', '--version', '--cfg,-c', '--resolve', '--package,-p', '--run,-r', '--multirun,-m', '--shell-completion,-sc', '--config-path,-cp', '--config-name,-cn', '--config-dir,-cd', '--info,-i'];
      expect(names.filter((n) => hydra.includes(n as string))).toEqual(hydra);
      expect(lines[0]).toMatch(/^--help,-h +: Application's help$/);
      expect(lines).toContainEqual(expect.stringMatching(/^--resolve +: Used in conjunction with --cfg, resolve config interpolations before printing\.$/));
      expect(lines.at(-1)).toMatch(/^overrides +: Any key=value arguments to override config values \(use dots for\.nested=overrides\)$/);
    });
  }

  it('test_help: the default --help has the app name, the groups and the config; --hydra-help the flags and hydra groups', async () => {
    const r = await runApp(defaultsApp, ['--help']);
    expect(r.printed).toContain('== my_app ==');
    expect(r.printed).toContain('== Configuration groups ==\nCompose your configuration from those groups (group=option)\n\ndb: mysql, postgresql\n');
    expect(r.printed).toContain('== Config ==\nOverride anything in the config (foo.bar=value)\n\ndb:\n  driver: mysql\n  user: omry\n  pass: secret\n');
    const h = await runApp(defaultsApp, ['--hydra-help']);
    expect(h.printed).toContain('== Flags ==\n--help,-h');
    expect(h.printed).toContain('hydra/launcher: basic, local, slurm');
    expect(h.printed).not.toContain('db: mysql');
  });

  it('get_help: $CONFIG in --hydra-help is the hydra node without its help templates', async () => {
    const r = await runApp(configFileApp, ['hydra.hydra_help.template=$CONFIG', '--hydra-help']);
    expect(r.printed).toMatch(/^hydra:\n {2}run:\n/);
    expect(r.printed).not.toContain('db:');
    expect(r.printed).not.toMatch(/^ {2}help:/m);
  });

  it('test_help: a custom help template from the config, with ${hydra.help.*} and a value that looks like a handlebars template', async () => {
    const files = {
      'config.yaml': "greeting: 'Hello {{name}}'\nhydra:\n  help:\n    app_name: Trainer\n    template: |-\n      ${hydra.help.app_name} help\n      $CONFIG\n",
    };
    const r = await runApp(files, ['--help']);
    expect(r.printed).toBe('Trainer help\ngreeting: Hello {{name}}\n\n');
  });
});

describe('--info', () => {
  it('test_searchpath_config: hydra.searchpath from the command line and from the config shows in --info searchpath', async () => {
    const extra = confTree({ 'dataset/imagenet.yaml': 'name: imagenet\npath: /datasets/imagenet\n' });
    const fromCli = await runApp(configFileApp, ['--info', 'searchpath', `hydra.searchpath=[file://${extra}]`]);
    expect(fromCli.printed).toMatch(/Config search path\n\*+\n\| Provider +\| Search path\n/);
    expect(fromCli.printed).toContain(`file://${extra}`);
    const fromConfig = await runApp({ 'config.yaml': `hydra:\n  searchpath:\n    - file://${extra}\n` }, ['--info', 'searchpath']);
    expect(fromConfig.printed).toContain(`file://${extra}`);
    const all = await runApp({ 'config.yaml': `defaults:\n  - dataset: imagenet\nhydra:\n  searchpath:\n    - file://${extra}\n` }, ['--info', 'all']);
    expect(all.printed).toMatch(/path:\s+\/datasets\/imagenet/);
  });

  it('test_frozen_primary_config: --cfg -p, --info config, --help and --hydra-help on a primary config from the ConfigStore', async () => {
    const store = new ConfigStore().register({ name: 'config', node: { baud_rate: 19200, data_bits: 8 } });
    const run = (argv: string[]) => runApp(null, ['hydra.run.dir=out', ...argv], () => undefined, { store, configName: 'config', name: 'frozen' });
    expect((await run(['--cfg', 'job', '-p', 'baud_rate'])).printed).toBe('19200\n');
    expect((await run(['--cfg', 'hydra', '-p', 'hydra.job.name'])).printed).toBe('frozen\n');
    expect((await run(['--cfg', 'job', '--resolve', '-p', 'baud_rate'])).printed).toBe('19200\n');
    expect((await run(['--cfg', 'hydra', '--resolve', '-p', 'hydra.job.name'])).printed).toBe('frozen\n');
    expect((await run(['--info', 'config'])).printed).toContain('baud_rate: 19200');
    expect((await run(['--hydra-help'])).printed).toContain('== Flags ==');
    // Hydra's header is "frozen is powered by Hydra."; tydra's help names the app its own way.
    expect((await run(['--help'])).printed).toContain('== frozen ==');
  });
});

describe('the run dir', () => {
  it('test_interpolating_dir_hydra_to_app: hydra.output_subdir interpolates a value of the app config', async () => {
    const files = { 'config.yaml': '# @package _global_\nexperiment:\n  base_dir: ???\n  second_dir: ${experiment.base_dir}\nhydra:\n  output_subdir: ${experiment.base_dir}/.hydra\n' };
    const r = await runApp(files, ['experiment.base_dir=foo', 'hydra.run.dir=run'], ctxDir);
    expect(r.result).toBe(path.join(r.cwd, 'run'));
    expect(fs.existsSync(path.join(r.cwd, 'run', 'foo', '.hydra', 'config.yaml'))).toBe(true);
  });

  for (const [overrides, expected] of [
    [[], ['.hydra/', 'my_app.log']],
    [['hydra.output_subdir=foo'], ['foo/', 'my_app.log']],
    [['hydra.output_subdir=null'], ['my_app.log']],
  ] as const) {
    it(`test_hydra_output_dir[${overrides.join(' ') || 'default'}]: the run dir holds ${expected.join(', ')}`, async () => {
      const r = await runApp(appWithCfg, ['hydra.run.dir=run', ...overrides], ctxDir);
      // Hydra's task runner configures no logging here; tydra always writes the job's log.
      expect(fs.readdirSync(r.result as string).sort()).toEqual(expected.map((e) => e.replace(/\/$/, '')));
    });
  }

  const cases: [Record<string, string>, string[], string][] = [
    [{ 'config.yaml': 'hydra:\n  run:\n    dir: foo\n' }, [], 'foo'],
    [{ 'config.yaml': '{}\n' }, ['hydra.run.dir=bar'], 'bar'],
    [{ 'config.yaml': 'hydra:\n  run:\n    dir: foo\n' }, ['hydra.run.dir=boom'], 'boom'],
    [{ 'config.yaml': 'app:\n  a: 1\n  b: 2\nhydra:\n  run:\n    dir: foo-${hydra.job.override_dirname}\n' }, ['app.a=20'], 'foo-app.a=20'],
    [{ 'config.yaml': 'app:\n  a: 1\n  b: 2\nhydra:\n  run:\n    dir: foo-${hydra.job.override_dirname}\n' }, ['app.b=10', 'app.a=20'], 'foo-app.a=20,app.b=10'],
  ];
  for (const [files, overrides, expected] of cases) {
    it(`test_local_run_workdir[${expected}]: the task runs in <cwd>/${expected} with hydra.job.chdir=True`, async () => {
      const before = process.cwd();
      const r = await runApp(files, [...overrides, 'hydra.job.chdir=True'], () => process.cwd());
      expect(fs.realpathSync(r.result as string)).toBe(fs.realpathSync(path.join(r.cwd, expected)));
      expect(process.cwd()).toBe(before);
    });
  }

  it('test_local_run_workdir: a second run into the same dir gets <dir>_1 (tydra never shares a run dir)', async () => {
    const cwd = tempDir();
    const first = await runApp(appWithCfg, ['hydra.run.dir=same'], ctxDir, { cwd });
    const second = await runApp(appWithCfg, ['hydra.run.dir=same'], ctxDir, { cwd });
    expect([first.result, second.result]).toEqual([path.join(cwd, 'same'), path.join(cwd, 'same_1')]);
  });

  it('test_run_dir_microseconds: ${now:%f} is replaced in the run dir', async () => {
    const r = await runApp({ 'config.yaml': 'hydra:\n  run:\n    dir: ${now:%Y%m%d_%H%M%S_%f}\n' }, [], ctxDir);
    expect(path.basename(r.result as string)).toMatch(/^\d{8}_\d{6}_\d{6}$/);
    expect(r.result as string).not.toContain('%f');
  });

  for (const multirun of [false, true]) {
    it(`test_hydra_resolver_in_output_dir[${multirun ? 'multirun' : 'run'}]: \${hydra:runtime.version} in hydra.run.dir / hydra.sweep.subdir`, async () => {
      const cwd = tempDir();
      // Hydra passes its (existing, empty) tmpdir as the sweep dir; tydra would claim <dir>_1 for it.
      const argv = [`hydra.run.dir='${cwd}/out/dir\${hydra:runtime.version}'`, "hydra.sweep.subdir='dir${hydra:runtime.version}'", `hydra.sweep.dir=${cwd}/out`, ...(multirun ? ['-m'] : [])];
      const r = await runApp(appWithCfg, argv, ctxDir, { cwd });
      const dir = path.join(cwd, 'out', 'dir0.1.0');
      expect(multirun ? (r.result as { returnValue: unknown }[])[0]?.returnValue : r.result).toBe(dir);
      expect(fs.existsSync(path.join(dir, 'my_app.log'))).toBe(true);
    });
  }

  for (const multirun of [false, true]) {
    it(`test_disable_chdir[${multirun ? 'multirun' : 'run'}]: hydra.job.chdir=False keeps the working dir; the log and .hydra are in the job dir`, async () => {
      const cwd = tempDir();
      const before = process.cwd();
      const r = await runApp(configFileApp, [`hydra.run.dir=${cwd}/run`, `hydra.sweep.dir=${cwd}/sweep`, 'hydra.job.chdir=False', ...(multirun ? ['-m'] : [])], () => process.cwd(), { cwd });
      const wd = multirun ? (r.result as { returnValue: unknown }[])[0]?.returnValue : r.result;
      expect(wd).toBe(before);
      const expected = multirun ? ['sweep/0/my_app.log', 'sweep/0/.hydra/config.yaml', 'sweep/multirun.yaml'] : ['run/my_app.log', 'run/.hydra/config.yaml'];
      for (const p of expected) expect(fs.existsSync(path.join(cwd, p)), p).toBe(true);
    });
  }

  it('test_job_chdir_not_specified: without hydra.job.chdir the task runs in the original dir, and nothing is warned', async () => {
    const before = process.cwd();
    const r = await runApp(configFileApp, ['hydra.run.dir=run'], (_c, ctx) => ({ wd: process.cwd(), original: ctx.originalCwd }));
    expect(r.result).toEqual({ wd: before, original: r.cwd });
    expect(r.stderr).toBe('');
    expect(r.logs).toBe('');
  });
});

describe('the job', () => {
  it('test_hydra_env_set_with_config: hydra.job.env_set from the config is set for the task, and restored after', async () => {
    delete process.env.foo;
    const r = await runApp({ 'config.yaml': 'hydra:\n  job:\n    env_set:\n      foo: bar\n' }, [], () => process.env.foo);
    expect(r.result).toBe('bar');
    expect(process.env.foo).toBeUndefined();
  });

  it('test_hydra_env_set_with_override: +hydra.job.env_set.foo=bar', async () => {
    delete process.env.foo;
    const r = await runApp({ 'config.yaml': '{}\n' }, ['+hydra.job.env_set.foo=bar'], () => process.env.foo);
    expect(r.result).toBe('bar');
    expect(process.env.foo).toBeUndefined();
  });

  it('test_job_id_and_num_in_sweep: -m without a sweep runs one job, with id "0" and num 0', async () => {
    const r = await runApp({ 'config.yaml': '{}\n' }, ['-m'], (_c, ctx) => [ctx.hydra.job, ctx.job.id, ctx.job.num]);
    const [job, id, num] = (r.result as { returnValue: [{ id: string; num: number }, string, number] }[])[0]?.returnValue ?? [];
    expect(job).toMatchObject({ id: '0', num: 0 });
    expect([id, num]).toEqual(['0', 0]);
  });

  it('test_hydra_to_job_config_interpolation: hydra.job.name interpolates the resolved override_dirname', async () => {
    const files = { 'config.yaml': 'a: ???\nb: ???\nhydra:\n  job:\n    name: override_${hydra.job.override_dirname}\n' };
    const r = await runApp(files, ['b=${a}', 'a=foo', 'hydra.run.dir=run'], (_c, ctx) => ctx.job.name, { name: undefined });
    expect(r.result).toBe('override_a=foo,b=foo');
  });

  it('test_self_hydra_config_interpolation_integration: the job log file name resolves to <run dir>/my_app.log', async () => {
    const r = await runApp({ 'config.yaml': '{}\n' }, [], (_c, ctx) => [(ctx.hydra.job_logging as { handlers: { file: { filename: string } } }).handlers.file.filename, ctx.outputDir]);
    const [filename, dir] = r.result as [string, string];
    expect(filename).toBe(path.join(dir, 'my_app.log'));
  });

  it('test_hydra_runtime_choice_1882: each job of a sweep sees its own hydra.runtime.choices', async () => {
    const files = { 'config.yaml': 'defaults:\n  - optimizer: nesterov\n', 'optimizer/adam.yaml': 'lr: 0.1\n', 'optimizer/nesterov.yaml': 'lr: 0.01\n' };
    const r = await runApp(files, ['--multirun', 'optimizer=adam,nesterov'], (_c, ctx) => (ctx.hydra.runtime as { choices: Record<string, string> }).choices.optimizer);
    expect((r.result as { returnValue: unknown }[]).map((j) => j.returnValue)).toEqual(['adam', 'nesterov']);
    expect(r.logs).toMatch(/\t#0 : optimizer=adam\n[^\n]*\t#1 : optimizer=nesterov/);
  });

  for (const multirun of [false, true]) {
    it(`test_hydra_verbose_1897[${multirun ? 'multirun' : 'run'}]: hydra.verbose=true runs, with the debug lines logged`, async () => {
      const r = await runApp({ 'config.yaml': 'hydra:\n  verbose: true\n' }, ['hydra.run.dir=run', ...(multirun ? ['+a=1,2', '-m'] : [])], (_c, ctx) => ctx.logger.debug('debug from the task'));
      expect(r.error).toBeUndefined();
      expect(r.logs.match(/\[DEBUG\] - debug from the task/g)).toHaveLength(multirun ? 2 : 1);
    });
  }
});

describe('-cp, -cn and -cd', () => {
  const app = confTree({
    'dir1/cfg1.yaml': 'dir1_cfg1: true\n',
    'dir1/cfg2.yaml': 'dir1_cfg2: true\n',
    'dir2/cfg1.yaml': 'dir2_cfg1: true\n',
    'dir2/cfg2.yaml': 'dir2_cfg2: true\n',
  });
  for (const configPath of ['dir1', 'dir2', path.join(app, 'dir2')]) {
    for (const configName of ['cfg1', 'cfg2']) {
      it(`test_config_name_and_path_overrides[${path.basename(configPath)}/${configName}${path.isAbsolute(configPath) ? ',absolute' : ''}]: a relative -cp is relative to the app script`, async () => {
        const argv1 = process.argv[1];
        process.argv[1] = path.join(app, 'my_app.js');
        try {
          const r = await runApp(null, ['hydra.run.dir=run', `--config-name=${configName}`, `--config-path=${configPath}`], (cfg) => cfg, { configPath: '.' });
          expect(r.result).toEqual({ [`${path.basename(configPath)}_${configName}`]: true });
        } finally {
          process.argv[1] = argv1;
        }
      });
    }
  }

  it('test_config_dir_argument: -cd adds a dir, relative to the working dir, to the search path', async () => {
    const cwd = tempDir();
    fs.mkdirSync(path.join(cwd, 'user-dir', 'dataset'), { recursive: true });
    fs.writeFileSync(path.join(cwd, 'user-dir', 'dataset', 'cifar10.yaml'), 'name: cifar10\n');
    const files = { 'config.yaml': 'defaults:\n  - dataset: imagenet\n', 'dataset/imagenet.yaml': 'name: imagenet\n' };
    expect((await runApp(files, ['hydra.run.dir=run', 'dataset=imagenet'], (cfg) => cfg, { cwd })).result).toEqual({ dataset: { name: 'imagenet' } });
    expect((await runApp(files, ['hydra.run.dir=run2', 'dataset=cifar10', '--config-dir=user-dir'], (cfg) => cfg, { cwd })).result).toEqual({ dataset: { name: 'cifar10' } });
  });
});

describe('hydra.mode and sweeps', () => {
  const modeApp = { 'config.yaml': 'x: 1\n' };
  const mode: Task = (_c, ctx) => ctx.hydra.mode;
  const jobs = (r: AppRun) => (r.result as { returnValue: unknown; overrides: string[] }[]).map((j) => [j.overrides.join(' '), j.returnValue]);

  it('test_hydra_mode[single_run_config]: hydra.mode=RUN runs once', async () => {
    expect((await runApp(modeApp, ['hydra.mode=RUN', 'hydra.run.dir=run'], mode)).result).toBe('RUN');
  });
  it('test_hydra_mode[run_with_no_config]: RUN by default', async () => {
    expect((await runApp(modeApp, ['hydra.run.dir=run'], mode)).result).toBe('RUN');
  });
  it('test_hydra_mode[multi_run_config]: hydra.mode=MULTIRUN from the command line runs a multirun without -m', async () => {
    const r = await runApp(modeApp, ['x=1', 'hydra.mode=MULTIRUN', 'hydra.sweep.dir=sweep'], mode);
    expect(jobs(r)).toEqual([['x=1', 'MULTIRUN']]);
    expect(r.logs).toContain('\t#0 : x=1');
  });
  it('test_hydra_mode[multi_run_commandline]: --multirun', async () => {
    expect(jobs(await runApp(modeApp, ['--multirun', 'x=1', 'hydra.sweep.dir=sweep'], mode))).toEqual([['x=1', 'MULTIRUN']]);
  });
  it('test_hydra_mode[illegal_sweep_run]: a sweep with hydra.mode=RUN is the ambiguous-value error', async () => {
    let ran = false;
    const r = await runApp(modeApp, ['x=1,2', 'hydra.mode=RUN'], () => {
      ran = true;
    });
    expect(r.stderr).toBe(
      "Error: Ambiguous value for argument 'x=1,2'\n1. To use it as a list, use key=[value1,value2]\n2. To use it as string, quote the value: key=\\'value1,value2\\'\n3. To sweep over it, add --multirun to your command line\n",
    );
    expect(ran).toBe(false);
    expect(tree(r.cwd)).toEqual([]);
  });
  it('test_hydra_mode[illegal_sweep_run]: so is a sweep without -m when nothing sets hydra.mode', async () => {
    const r = await runApp(modeApp, ['x=1,2']);
    expect(r.stderr).toMatch(/^Error: Ambiguous value for argument 'x=1,2'\n/);
    expect(tree(r.cwd)).toEqual([]);
  });
  it('test_hydra_mode[sweep_from_config]: x=1,2 with hydra.mode=MULTIRUN', async () => {
    expect(jobs(await runApp(modeApp, ['x=1,2', 'hydra.mode=MULTIRUN', 'hydra.sweep.dir=sweep'], mode))).toEqual([
      ['x=1', 'MULTIRUN'],
      ['x=2', 'MULTIRUN'],
    ]);
  });
  it('test_hydra_mode[sweep_from_config]: hydra.mode: MULTIRUN in the primary config', async () => {
    expect(jobs(await runApp({ 'config.yaml': 'x: 1\nhydra:\n  mode: MULTIRUN\n' }, ['x=1,2', 'hydra.sweep.dir=sweep'], mode))).toEqual([
      ['x=1', 'MULTIRUN'],
      ['x=2', 'MULTIRUN'],
    ]);
  });
  it('test_hydra_mode[sweep_from_config_with_custom_sweeper]: max_batch_size 1 launches one job at a time', async () => {
    const r = await runApp(modeApp, ['x=1,2', 'hydra.mode=MULTIRUN', 'hydra.sweeper.max_batch_size=1', 'hydra.sweep.dir=sweep'], mode);
    expect(jobs(r)).toEqual([
      ['x=1', 'MULTIRUN'],
      ['x=2', 'MULTIRUN'],
    ]);
  });
  it('test_hydra_mode[multirun_commandline_with_run_config_with_warning]: --multirun wins over hydra.mode=RUN, with a warning', async () => {
    const r = await runApp(modeApp, ['--multirun', 'x=1,2', 'hydra.mode=RUN', 'hydra.sweep.dir=sweep'], mode);
    expect(jobs(r)).toEqual([
      ['x=1', 'MULTIRUN'],
      ['x=2', 'MULTIRUN'],
    ]);
    expect(r.logs.match(/overriding hydra\.mode=RUN from the config/g)).toHaveLength(1);
  });

  describe('test_multirun_structured_conflict', () => {
    const files = { 'config.yaml': 'test:\n  param: 0\n' };
    const schema = z.object({ test: z.object({ param: z.number().int() }) });
    const param: Task = (cfg) => (cfg.test as { param: number }).param;
    it('[run:value]', async () => {
      expect((await runApp(files, ['hydra.run.dir=run', 'test.param=1'], param, { schema })).result).toBe(1);
    });
    it('[run:choice_sweep]: the ambiguous-value error', async () => {
      const r = await runApp(files, ['test.param=1,2'], param, { schema });
      expect(r.stderr).toMatch(/^Error: Ambiguous value for argument 'test\.param=1,2'\n1\. To use it as a list/);
    });
    it('[run:list_value]: a list where the schema wants an integer is one validation error, before any run dir', async () => {
      const r = await runApp(files, ['test.param=[1,2]'], param, { schema });
      expect(r.stderr).toMatch(/^Error: .*test\.param: expected number.*\(from override test\.param=\[1,2\]\)/s);
      expect(tree(r.cwd)).toEqual([]);
    });
    it('[multirun:value] and [multirun:choice_sweep]', async () => {
      expect(jobs(await runApp(files, ['hydra.sweep.dir=s1', 'test.param=1', '-m'], param, { schema })).map((j) => j[1])).toEqual([1]);
      expect(jobs(await runApp(files, ['hydra.sweep.dir=s2', 'test.param=1,2', '-m'], param, { schema })).map((j) => j[1])).toEqual([1, 2]);
    });
  });
});

describe('a failing task', () => {
  it('test_job_exception: the error is logged once with its stack, main rejects with it, run.json says failed', async () => {
    const r = await runApp(appWithCfg, ['hydra.run.dir=run'], () => {
      throw new RangeError('division by zero');
    });
    expect(r.error).toBeInstanceOf(RangeError);
    expect(r.logs).toMatch(/\[my_app\]\[ERROR\] - Job 0 failed: RangeError: division by zero\n {4}at .*hydra-app\.test\.ts:\d+:\d+/);
    expect(r.logs.match(/division by zero/g)).toHaveLength(1);
    // Sanitized as Hydra does: the task's frames, not tydra's machinery that called it.
    expect(r.logs).not.toMatch(/run-job|runJob|src\/runtime\/main/);
    // main does not report the task's error a second time.
    expect(r.stderr).toBe('');
    const run = JSON.parse(fs.readFileSync(path.join(r.cwd, 'run', '.hydra', 'run.json'), 'utf8'));
    expect(run).toMatchObject({ status: 'failed', exitCode: 1, error: { name: 'RangeError', message: 'division by zero' } });
    expect(fs.readFileSync(path.join(r.cwd, 'run', 'my_app.log'), 'utf8')).toContain('RangeError: division by zero');
  });

  it('test_job_exception_full_error: TYDRA_FULL_ERROR=1 keeps the whole stack', async () => {
    process.env.TYDRA_FULL_ERROR = '1';
    try {
      const r = await runApp(appWithCfg, ['hydra.run.dir=run'], () => {
        throw new RangeError('division by zero');
      });
      expect(r.logs).toContain('RangeError: division by zero');
      expect(r.logs).toMatch(/at runJob .*run-job\.ts/);
    } finally {
      delete process.env.TYDRA_FULL_ERROR;
    }
  });

  it('test_app_with_error_exception_sanitized: an error the task throws in a multirun is logged in its job, and the sweep rejects', async () => {
    const r = await runApp(appWithCfg, ['hydra.sweep.dir=sweep', '-m'], () => {
      throw new Error("Key 'foo' is not in struct");
    });
    expect((r.error as Error).message).toBe('1 of 1 jobs did not complete');
    expect(r.logs).toContain("Job 0 failed: Error: Key 'foo' is not in struct");
  });

  it('test_sys_exit: a failure sets the exit code of the process when main reads the real command line', async () => {
    const cwd = tempDir();
    const conf = confTree(appWithCfg);
    const argv = process.argv;
    process.argv = [argv[0] as string, path.join(conf, 'my_app.js'), 'hydra.run.dir=run'];
    try {
      await expect(main({ configPath: conf, configName: 'config', cwd, console: () => undefined }, () => Promise.reject(new Error('exit 42')))).rejects.toThrow('exit 42');
      expect(process.exitCode).toBe(1);
      expect(fs.existsSync(path.join(cwd, 'run', '.hydra', 'run.json'))).toBe(true);
    } finally {
      process.argv = argv;
      process.exitCode = 0;
    }
  });
});
