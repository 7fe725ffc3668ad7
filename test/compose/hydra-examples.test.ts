/**
 * Hydra 1.3's own example apps (examples/ of facebookresearch/hydra) against the assertions of
 * their tests (tests/test_examples/*.py), recreated as in-memory conf trees. Only the plain-YAML
 * examples: no structured configs, no ConfigStore-only nodes, no Python plugins, no
 * instantiate. Each test is named after the Hydra test (and its parametrize id) and the example
 * path. Where the Hydra test runs the app and reads what it prints (`OmegaConf.to_yaml(cfg)`),
 * the job config of the same composition (same config dir, config name and command line) is
 * compared; where it checks the app's run (help text, run dir, sweep), the app is run with
 * main() in process.
 *
 * Hydra's expected dicts are compared as Python json text, so key order and int/float/bool/str
 * types are checked too; the key order is the one Hydra really composes (config files' order,
 * defaults-list order), which its tests (dict equality) do not check but its printed YAML shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jobTree } from '../../src/compose/compose.js';
import { toJson } from '../../src/config/output/to-json.js';
import { type MainOptions, main } from '../../src/runtime/main.js';
import type { RunContext } from '../../src/runtime/run-job.js';
import { confTree, tempDir } from '../helpers/conf-tree.js';
import { composeFiles, composeIn, failure } from './hydra-compose-helpers.js';

/** The run-dir arguments every Hydra example test passes first. */
const RUN = ['hydra.run.dir="/tmp/hydra-examples-run"', 'hydra.job.chdir=True'];

type Task = (cfg: Record<string, unknown>, ctx: RunContext) => unknown;

interface AppRun {
  result: unknown;
  error: unknown;
  printed: string;
  stderr: string;
  cwd: string;
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Run an app on a conf tree (or none) with argv, in process (the runApp of hydra-app.test.ts). */
async function runApp(
  files: Record<string, string> | null,
  argv: string[],
  task: Task = () => undefined,
  extra: Partial<MainOptions> & { cwd?: string } = {},
): Promise<AppRun> {
  const cwd = extra.cwd ?? tempDir();
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
        console: () => undefined,
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
  return { result, error, printed: printed.join(''), stderr: stderr.join(''), cwd };
}

// ---------------------------------------------------------------------------------------------
// tests/test_examples/test_tutorials_basic.py
// ---------------------------------------------------------------------------------------------

/** examples/tutorials/basic/your_first_hydra_app/2_config_file */
const configFile = { 'config.yaml': 'db: \n  driver: mysql\n  user: omry\n  password: secret\n' };

/** examples/tutorials/basic/your_first_hydra_app/4_config_groups (config_path=conf, no config_name) */
const configGroups = {
  'db/mysql.yaml': 'driver: mysql\nuser: omry\npassword: secret\n',
  'db/postgresql.yaml': 'driver: postgresql\nuser: postgres_user\npassword: drowssap\ntimeout: 10\n',
};

/** examples/tutorials/basic/your_first_hydra_app/5_defaults */
const defaults = {
  'config.yaml': 'defaults:\n  - db: mysql\n',
  'db/mysql.yaml': 'driver: mysql\nuser: omry\npass: secret\n',
  'db/postgresql.yaml': 'driver: postgresql\nuser: postgres_user\npass: drowssap\ntimeout: 10\n',
};

/** examples/tutorials/basic/your_first_hydra_app/6_composition (also advanced/ad_hoc_composition) */
const composition = {
  'config.yaml': 'defaults:\n  - db: mysql\n  - ui: full\n  - schema: school\n',
  'db/mysql.yaml': 'driver: mysql\nuser: omry\npass: secret\n',
  'db/postgresql.yaml': 'driver: postgresql\nuser: postgres_user\npass: drowssap\ntimeout: 10\n',
  'ui/full.yaml': 'windows:\n  create_db: true\n  view: true\n',
  'ui/view.yaml': 'windows:\n  view: true\n',
  'schema/school.yaml':
    'database: school\ntables:\n  - name: students\n    fields:\n      - name: string\n      - class: int\n  - name: exams\n    fields:\n      - profession: string\n      - time: data\n      - class: int\n',
  'schema/support.yaml':
    'database: support\ntables:\n  - name: users\n    fields:\n      - name: string\n      - password: string\n  - name: issues\n    fields:\n      - title: string\n      - description: string\n      - reported_by: string\n      - priority: int\n',
  'schema/warehouse.yaml': 'database: warehouse\ntables:\n  - name: items\n    fields:\n      - name: string\n      - acquisition_date: date\n      - price: int\n',
};

const SCHOOL =
  '{"database": "school", "tables": [{"name": "students", "fields": [{"name": "string"}, {"class": "int"}]}, {"name": "exams", "fields": [{"profession": "string"}, {"time": "data"}, {"class": "int"}]}]}';

describe('test_tutorials_basic.py', () => {
  const simpleCli: [string, string[], string][] = [
    ['no overrides', [], '{}'],
    ['+db.*', ['+db.driver=mysql', '+db.user=omry', '+db.password=secret'], '{"db": {"driver": "mysql", "user": "omry", "password": "secret"}}'],
  ];
  for (const [id, args, expected] of simpleCli) {
    it(`test_tutorial_simple_cli_app[${id}]: your_first_hydra_app/1_simple_cli (no config)`, () => {
      expect(composeFiles({}, undefined, [...RUN, ...args]).json).toBe(expected);
    });
  }

  it('test_tutorial_config_file: your_first_hydra_app/2_config_file', () => {
    expect(composeFiles(configFile, 'config', RUN).json).toBe('{"db": {"driver": "mysql", "user": "omry", "password": "secret"}}');
  });

  it('test_tutorial_config_file_bad_key[no overrides]: your_first_hydra_app/2_config_file', () => {
    expect(composeFiles(configFile, 'config', RUN).json).toBe('{"db": {"driver": "mysql", "user": "omry", "password": "secret"}}');
  });

  it('test_tutorial_config_file_bad_key[dataset.path=abc]: your_first_hydra_app/2_config_file fails (key not in struct)', () => {
    const e = failure(() => composeFiles(configFile, 'config', [...RUN, 'dataset.path=abc']));
    // Hydra raises ConfigCompositionException("Could not override 'dataset.path'.\nTo append to
    // your config use +dataset.path=abc") from the OmegaConf ConfigKeyError.
    expect(e.message).toBe("Could not override 'dataset.path'.\nTo append to your config use +dataset.path=abc");
    expect(String(e.cause)).toContain("Key 'dataset' is not in struct\n    full_key: dataset");
  });

  // Beyond what the Hydra test asserts (it checks only that the app fails): Hydra's run_and_report
  // prints a CompactHydraException and then its OmegaConf cause, i.e. on stderr
  //   Could not override 'dataset.path'.
  //   To append to your config use +dataset.path=abc
  //   Key 'dataset' is not in struct
  //       full_key: dataset
  //       object_type=dict
  //
  //   Set the environment variable HYDRA_FULL_ERROR=1 for a complete stack trace.
  // tydra prints the same, the cause as "Caused by: ..." (and no HYDRA_FULL_ERROR line).
  it('test_tutorial_config_file_bad_key[dataset.path=abc] (stderr): main() prints the OmegaConf cause like run_and_report', async () => {
    const r = await runApp(configFile, [...RUN, 'dataset.path=abc'], () => 'ran');
    expect(r.result).toBeUndefined();
    expect(r.stderr).toContain("Could not override 'dataset.path'.\nTo append to your config use +dataset.path=abc\n");
    expect(r.stderr).toContain("Caused by: Key 'dataset' is not in struct\n    full_key: dataset\n");
  });

  it('test_tutorial_config_groups[no overrides]: your_first_hydra_app/4_config_groups (no config_name)', () => {
    expect(composeFiles(configGroups, undefined, RUN).json).toBe('{}');
  });

  it('test_tutorial_config_groups[+db=postgresql]: your_first_hydra_app/4_config_groups', () => {
    const r = composeFiles(configGroups, undefined, [...RUN, '+db=postgresql']);
    expect(r.json).toBe('{"db": {"driver": "postgresql", "user": "postgres_user", "password": "drowssap", "timeout": 10}}');
    expect(r.choices).toEqual({ db: 'postgresql' });
  });

  const defaultsCases: [string[], string][] = [
    [[], '{"db": {"driver": "mysql", "user": "omry", "pass": "secret"}}'],
    [['db=postgresql'], '{"db": {"driver": "postgresql", "user": "postgres_user", "pass": "drowssap", "timeout": 10}}'],
    [['db=postgresql', 'db.timeout=20'], '{"db": {"driver": "postgresql", "user": "postgres_user", "pass": "drowssap", "timeout": 20}}'],
  ];
  for (const [args, expected] of defaultsCases) {
    it(`test_tutorial_defaults[${args.join(' ') || 'no overrides'}]: your_first_hydra_app/5_defaults`, () => {
      expect(composeFiles(defaults, 'config', [...RUN, ...args]).json).toBe(expected);
    });
  }

  it('test_composition_config_example: your_first_hydra_app/6_composition with schema=school (config_name "config.yaml")', () => {
    const r = composeFiles(composition, 'config.yaml', ['schema=school']);
    expect(r.json).toBe(`{"db": {"driver": "mysql", "user": "omry", "pass": "secret"}, "ui": {"windows": {"create_db": true, "view": true}}, "schema": ${SCHOOL}}`);
    expect(r.choices).toEqual({ db: 'mysql', ui: 'full', schema: 'school' });
  });

  it('test_sweeping_example: your_first_hydra_app/6_composition, schema=warehouse,support db=mysql,postgresql runs 4 jobs', async () => {
    const jobs: string[][] = [];
    const r = await runApp(composition, ['schema=warehouse,support', 'db=mysql,postgresql', '-m'], (_cfg, ctx) => {
      jobs.push([...ctx.overrides]);
    });
    expect(r.error).toBeUndefined();
    // Hydra's BasicSweeper: the cartesian product in command-line order (the test checks the set).
    expect(jobs).toEqual([
      ['schema=warehouse', 'db=mysql'],
      ['schema=warehouse', 'db=postgresql'],
      ['schema=support', 'db=mysql'],
      ['schema=support', 'db=postgresql'],
    ]);
  });

  it('test_advanced_ad_hoc_composition: advanced/ad_hoc_composition, compose(config, [db=mysql, db.user=${oc.env:USER}]) printed unresolved', () => {
    const r = composeFiles(composition, 'config', ['db=mysql', 'db.user=${oc.env:USER}'], { env: { USER: 'test_user' } });
    // OmegaConf.to_yaml(cfg) keeps the interpolation.
    expect(toJson(jobTree(r.c), { indent: 0 })).toBe(
      `{"db": {"driver": "mysql", "user": "\${oc.env:USER}", "pass": "secret"}, "ui": {"windows": {"create_db": true, "view": true}}, "schema": ${SCHOOL}}`,
    );
    expect(r.json).toContain('"user": "test_user"');
  });

  it('test_examples_using_the_config_object: your_first_hydra_app/3_using_config (interpolations keep the type)', async () => {
    const files = {
      'config.yaml':
        'node:                         # Config is hierarchical\n  loompa: 10                  # Simple value\n  zippity: ${node.loompa}     # Value interpolation\n  do: "oompa ${node.loompa}"  # String interpolation\n  waldo: ???                  # Missing value, must be populated prior to access\n',
    };
    const r = await runApp(files, RUN, (cfg) => {
      const node = cfg.node as Record<string, unknown>;
      return { loompa: node.loompa, zippity: node.zippity, do: node.do };
    });
    expect(r.error).toBeUndefined();
    expect(r.result).toEqual({ loompa: 10, zippity: 10, do: 'oompa 10' });
    expect(composeFiles(files, 'config').at('node.zippity')).toBe(10);
  });
});

// ---------------------------------------------------------------------------------------------
// tests/test_examples/test_patterns.py
// ---------------------------------------------------------------------------------------------

/** examples/patterns/specializing_config */
const specializing = {
  'config.yaml': 'defaults:\n  - dataset: imagenet\n  - model: alexnet\n  - optional dataset_model: ${dataset}_${model}\n',
  'dataset/cifar10.yaml': 'name: cifar10\npath: /datasets/cifar10\n',
  'dataset/imagenet.yaml': 'name: imagenet\npath: /datasets/imagenet\n',
  'model/alexnet.yaml': 'type: alexnet\nnum_layers: 7\n',
  'dataset_model/cifar10_alexnet.yaml': '# @package _global_\nmodel:\n  num_layers: 5\n',
};

/** examples/patterns/extending_configs */
const extending = {
  'config.yaml': 'defaults:\n  - db: ???\n',
  'db/base_mysql.yaml': 'host: localhost\nport: 3306\nuser: ???\npassword: ???\n',
  'db/mysql_extending_from_this_group.yaml': 'defaults:\n  - base_mysql\n\nuser: omry\npassword: secret\nport: 3307\nencoding: utf8\n',
  'db/mysql_extending_from_another_group.yaml': 'defaults:\n  - /db_schema/base_mysql@_here_\n\nuser: omry\npassword: secret\nport: 3307\nencoding: utf8\n',
  'db_schema/base_mysql.yaml': 'host: localhost\nport: 3306\nuser: ???\npassword: ???\n',
};

/** examples/patterns/configuring_experiments */
const experiments = {
  'config.yaml': 'defaults:\n  - db: mysql\n  - server: apache\n',
  'db/mysql.yaml': 'name: mysql\n',
  'db/sqlite.yaml': 'name: sqlite\n',
  'server/apache.yaml': 'name: apache\nport: 80\n',
  'server/nginx.yaml': 'name: nginx\nport: 80\n',
  'experiment/aplite.yaml': '# @package _global_\ndefaults:\n  - override /db: sqlite\n\n\nserver:\n  port: 8080\n',
  'experiment/nglite.yaml': '# @package _global_\ndefaults:\n  - override /server: nginx\n  - override /db: sqlite\n\nserver:\n  port: 8080\n',
};

/** examples/patterns/multi-select */
const multiSelect = {
  'config.yaml': 'defaults:\n  - server: apache\n',
  'server/apache.yaml': 'defaults:\n  - site:\n      - fb\n      - google\n\nhost: localhost\nport: 443\n',
  'server/apache_https.yaml': 'defaults:\n  - site@https:\n      - fb\n      - google\n\nhost: localhost\nport: 443\n',
  'server/site/amazon.yaml': 'amazon:\n  domain: amazon.com\n',
  'server/site/fb.yaml': 'fb:\n  domain: facebook.com\n',
  'server/site/google.yaml': 'google:\n  domain: google.com\n',
};

describe('test_patterns.py', () => {
  it('test_specializing_config_example: patterns/specializing_config with dataset=cifar10 (optional dataset_model: ${dataset}_${model})', () => {
    const r = composeFiles(specializing, 'config.yaml', ['dataset=cifar10']);
    expect(r.json).toBe('{"dataset": {"name": "cifar10", "path": "/datasets/cifar10"}, "model": {"type": "alexnet", "num_layers": 5}}');
    expect(r.choices).toEqual({ dataset: 'cifar10', model: 'alexnet', dataset_model: 'cifar10_alexnet' });
  });

  it('test_specializing_config_example (default choices): the missing optional imagenet_alexnet is skipped', () => {
    const r = composeFiles(specializing, 'config.yaml', []);
    expect(r.json).toBe('{"dataset": {"name": "imagenet", "path": "/datasets/imagenet"}, "model": {"type": "alexnet", "num_layers": 7}}');
  });

  for (const [id, choice] of [
    ['from_same_group', 'mysql_extending_from_this_group'],
    ['from_different_group', 'mysql_extending_from_another_group'],
  ]) {
    it(`test_extending_configs[${id}]: patterns/extending_configs db=${choice}`, () => {
      const r = composeFiles(extending, 'config', ['hydra.run.dir=/tmp/x', `db=${choice}`]);
      expect(r.json).toBe('{"db": {"host": "localhost", "port": 3307, "user": "omry", "password": "secret", "encoding": "utf8"}}');
    });
  }

  const experimentCases: [string, string[], string][] = [
    ['default', [], '{"db": {"name": "mysql"}, "server": {"name": "apache", "port": 80}}'],
    ['exp1', ['+experiment=nglite'], '{"db": {"name": "sqlite"}, "server": {"name": "nginx", "port": 8080}}'],
    ['exp1+override', ['+experiment=nglite', 'server=apache'], '{"db": {"name": "sqlite"}, "server": {"name": "apache", "port": 8080}}'],
  ];
  for (const [id, args, expected] of experimentCases) {
    it(`test_configuring_experiments[${id}]: patterns/configuring_experiments ${args.join(' ')}`, () => {
      expect(composeFiles(experiments, 'config', ['hydra.run.dir=/tmp/x', ...args]).json).toBe(expected);
    });
  }

  it('test_configuring_experiments (docs): +experiment=aplite overrides only db', () => {
    expect(composeFiles(experiments, 'config', ['+experiment=aplite']).json).toBe('{"db": {"name": "sqlite"}, "server": {"name": "apache", "port": 8080}}');
  });

  const multiCases: [string, string[], string][] = [
    ['default', [], '{"server": {"site": {"fb": {"domain": "facebook.com"}, "google": {"domain": "google.com"}}, "host": "localhost", "port": 443}}'],
    ['default:override', ['server/site=[amazon,google]'], '{"server": {"site": {"amazon": {"domain": "amazon.com"}, "google": {"domain": "google.com"}}, "host": "localhost", "port": 443}}'],
    ['pkg_override', ['server=apache_https'], '{"server": {"https": {"fb": {"domain": "facebook.com"}, "google": {"domain": "google.com"}}, "host": "localhost", "port": 443}}'],
    ['pkg_override:override', ['server=apache_https', 'server/site@server.https=amazon'], '{"server": {"https": {"amazon": {"domain": "amazon.com"}}, "host": "localhost", "port": 443}}'],
  ];
  for (const [id, args, expected] of multiCases) {
    it(`test_multi_select[${id}]: patterns/multi-select ${args.join(' ')}`, () => {
      expect(composeFiles(multiSelect, 'config', ['hydra.run.dir=/tmp/x', ...args]).json).toBe(expected);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// tests/test_examples/test_advanced_config_search_path.py
// ---------------------------------------------------------------------------------------------

describe('test_advanced_config_search_path.py', () => {
  /** examples/advanced/config_search_path: conf/ plus additonal_conf/ on hydra.searchpath (pkg:// there, file:// here). */
  function searchPathApp(): string {
    const root = confTree({
      'additonal_conf/dataset/imagenet.yaml': 'name: imagenet\npath: /datasets/imagenet\n',
      'conf/dataset/cifar10.yaml': 'name: cifar10\npath: /datasets/cifar10\n',
    });
    fs.writeFileSync(
      path.join(root, 'conf', 'config.yaml'),
      `defaults:\n  - dataset: cifar10\n\nhydra:\n  searchpath:\n    - file://${path.join(root, 'additonal_conf')}\n    # You can also use file based schema, for example:\n    # - file:///etc/my_app\n    # - file://\${oc.env:HOME}/.my_app\n`,
    );
    return path.join(root, 'conf');
  }

  it('test_config_search_path[no overrides]: advanced/config_search_path', () => {
    expect(composeIn(searchPathApp(), 'config', RUN).json).toBe('{"dataset": {"name": "cifar10", "path": "/datasets/cifar10"}}');
  });

  it('test_config_search_path[dataset=imagenet]: advanced/config_search_path finds imagenet on hydra.searchpath', () => {
    expect(composeIn(searchPathApp(), 'config', [...RUN, 'dataset=imagenet']).json).toBe('{"dataset": {"name": "imagenet", "path": "/datasets/imagenet"}}');
  });

  it("test_config_search_path[hydra.searchpath=[] dataset=imagenet]: advanced/config_search_path fails with Could not find 'dataset/imagenet'", () => {
    const e = failure(() => composeIn(searchPathApp(), 'config', [...RUN, 'hydra.searchpath=[]', 'dataset=imagenet']));
    expect(e.message).toContain("Could not find 'dataset/imagenet'");
  });
});

// ---------------------------------------------------------------------------------------------
// tests/test_examples/test_advanced_package_overrides.py
// ---------------------------------------------------------------------------------------------

describe('test_advanced_package_overrides.py', () => {
  /** examples/advanced/package_overrides */
  const packageOverrides = {
    'simple.yaml': 'defaults:\n  - db: mysql\n',
    'two_packages.yaml': 'defaults:\n  - db@source: mysql\n  - db@destination: mysql\n',
    'db/mysql.yaml': 'driver: mysql\nuser: omry\npass: secret\n',
  };

  it('test_advanced_package_override_simple: advanced/package_overrides simple.yaml', () => {
    expect(composeFiles(packageOverrides, 'simple', RUN).json).toBe('{"db": {"driver": "mysql", "user": "omry", "pass": "secret"}}');
  });

  it('test_advanced_package_override_two_packages: advanced/package_overrides two_packages.yaml (db@source, db@destination)', () => {
    const r = composeFiles(packageOverrides, 'two_packages', RUN);
    expect(r.json).toBe('{"source": {"driver": "mysql", "user": "omry", "pass": "secret"}, "destination": {"driver": "mysql", "user": "omry", "pass": "secret"}}');
    expect(r.choices).toEqual({ 'db@source': 'mysql', 'db@destination': 'mysql' });
  });

  it('test_advanced_package_override_simple (the Hydra 1.0 tree of the example, under 1.3 semantics): `# @package _group_` is a literal key, a header after `---` is no header', () => {
    // The example's 1.0 files: simple.yaml `# @package _group_`, db/mysql.yaml `---` then
    // `# @package _group_`. With version_base 1.2+ InputDefault.set_package_header keeps `_group_`
    // literal (as `_global_._group_`), and ConfigSource._get_header_dict stops at the first
    // non-comment line (`---`), so mysql.yaml has no header and keeps its default package `db`.
    const files = {
      'simple.yaml': '# @package _group_\ndefaults:\n  - db: mysql\n',
      'db/mysql.yaml': '---\n# @package _group_\ndriver: mysql\nuser: omry\npass: secret\n',
    };
    expect(composeFiles(files, 'simple', RUN).json).toBe('{"_group_": {"db": {"driver": "mysql", "user": "omry", "pass": "secret"}}}');
  });
});

// ---------------------------------------------------------------------------------------------
// tests/test_examples/test_advanced_defaults_lists.py
// ---------------------------------------------------------------------------------------------

describe('test_advanced_defaults_lists.py', () => {
  it('test_nested_defaults_list: advanced/nested_defaults_list (server/apache with its own db: mysql)', () => {
    const files = {
      'config.yaml': 'defaults:\n  - server/apache\n\ndebug: false\n',
      'server/apache.yaml': 'defaults:\n  - db: mysql\n\nname: apache\n',
      'server/db/mysql.yaml': 'name: mysql\n',
    };
    const r = composeFiles(files, 'config', RUN);
    expect(r.json).toBe('{"server": {"db": {"name": "mysql"}, "name": "apache"}, "debug": false}');
    expect(r.choices).toEqual({ 'server/db': 'mysql' });
  });

  it('test_ray_example_config: advanced/ray_example compose(config_name="config")', () => {
    const files = {
      'config.yaml': 'defaults:\n  - dataset: imagenet\n  - model: alexnet\n\nray:\n  init:\n    num_cpus: 4',
      'dataset/cifar10.yaml': 'name: cifar10\npath: /datasets/cifar10\n',
      'dataset/imagenet.yaml': 'name: imagenet\npath: /datasets/imagenet\n',
      'model/alexnet.yaml': 'type: alexnet\nnum_layers: 7\n',
      'model/resnet.yaml': 'type: resnet\nnum_layers: 50\nwidth: 10\n',
    };
    expect(composeFiles(files, 'config').json).toBe('{"dataset": {"name": "imagenet", "path": "/datasets/imagenet"}, "model": {"type": "alexnet", "num_layers": 7}, "ray": {"init": {"num_cpus": 4}}}');
  });
});

// ---------------------------------------------------------------------------------------------
// examples/advanced/hydra_app_example/tests/test_example.py and test_installed_app.py
// ---------------------------------------------------------------------------------------------

describe('examples/advanced/hydra_app_example/tests', () => {
  /** examples/advanced/hydra_app_example/hydra_app/conf */
  const hydraApp = {
    'config.yaml': 'defaults:\n  - db: mysql\n\napp:\n  user: ${oc.env:USER}\n\n  num1: 10\n  num2: 20\n',
    'db/mysql.yaml': '# @package db\nhost: localhost\nport: 3306',
  };
  /** hydra_app.main.add */
  const add = (app: Record<string, unknown>) => (app.num1 as number) + (app.num2 as number);

  it('test_example.py::test_with_initialize / test_with_initialize_config_module / TestWithUnittest: compose(config, [app.user=test_user])', () => {
    // `_self_` is implicitly last in the primary config: db comes first.
    expect(composeFiles(hydraApp, 'config', ['app.user=test_user']).json).toBe('{"db": {"host": "localhost", "port": 3306}, "app": {"user": "test_user", "num1": 10, "num2": 20}}');
  });

  const logic: [string[], number][] = [
    [['app.user=test_user'], 30],
    [['app.user=test_user', 'app.num1=20', 'app.num2=100'], 120],
    [['app.user=test_user', 'app.num1=-1001', 'app.num2=1000'], -1],
  ];
  for (const [overrides, expected] of logic) {
    it(`test_example.py::test_user_logic[${overrides.join(' ')}]: add(cfg.app, num1, num2)`, () => {
      const app = JSON.parse(composeFiles(hydraApp, 'config', overrides).json).app as Record<string, unknown>;
      expect(Number.isInteger(app.num1) && Number.isInteger(app.num2)).toBe(true);
      expect(add(app)).toBe(expected);
    });
  }

  it('test_installed_app.py::TestAppOutput::test_python_run: hydra_app/main.py hydra.run.dir=... app.user=test_user prints the sum', async () => {
    const r = await runApp(hydraApp, [`hydra.run.dir=${path.join(tempDir(), 'run')}`, 'app.user=test_user'], (cfg) => {
      const app = cfg.app as Record<string, unknown>;
      return `Hello ${app.user}, ${app.num1} + ${app.num2} = ${add(app)}`;
    });
    expect(r.error).toBeUndefined();
    expect(r.result).toBe('Hello test_user, 10 + 20 = 30');
  });
});

// ---------------------------------------------------------------------------------------------
// tests/test_examples/test_basic_sweep.py
// ---------------------------------------------------------------------------------------------

describe('test_basic_sweep.py', () => {
  /** examples/tutorials/basic/running_your_hydra_app/5_basic_sweep */
  const basicSweep = {
    'config.yaml': 'defaults:\n  - db: ???\n  - _self_\n\nhydra:\n  sweeper:\n    params:\n      db: glob(*)\n      db.timeout: 5,10\n',
    'db/mysql.yaml': 'driver: mysql\nuser: omry\npassword: secret\ntimeout: 5\n',
    'db/postgresql.yaml': 'driver: postgresql\nuser: postgres_user\npassword: drowssap\ntimeout: 10\n',
  };
  const cases: [string, string[], string[]][] = [
    [
      'no overrides',
      [],
      [
        '#0 : db=mysql db.timeout=5',
        'driver=mysql, timeout=5',
        '#1 : db=mysql db.timeout=10',
        'driver=mysql, timeout=10',
        '#2 : db=postgresql db.timeout=5',
        'driver=postgresql, timeout=5',
        '#3 : db=postgresql db.timeout=10',
        'driver=postgresql, timeout=10',
      ],
    ],
    [
      'db=glob([m*],exclude=postgresql)',
      ['db=glob([m*],exclude=postgresql)'],
      ['#0 : db=mysql db.timeout=5', 'driver=mysql, timeout=5', '#1 : db=mysql db.timeout=10', 'driver=mysql, timeout=10'],
    ],
    [
      'db=mysql db.user=choice(one,two)',
      ['db=mysql', 'db.user=choice(one,two)'],
      [
        '#0 : db=mysql db.timeout=5 db.user=one',
        'driver=mysql, timeout=5',
        '#1 : db=mysql db.timeout=5 db.user=two',
        'driver=mysql, timeout=5',
        '#2 : db=mysql db.timeout=10 db.user=one',
        'driver=mysql, timeout=10',
        '#3 : db=mysql db.timeout=10 db.user=two',
        'driver=mysql, timeout=10',
      ],
    ],
  ];
  for (const [id, args, expected] of cases) {
    it(`test_basic_sweep_example[${id}]: running_your_hydra_app/5_basic_sweep, the jobs (#num : overrides) and what each prints`, async () => {
      const lines: string[] = [];
      const r = await runApp(
        basicSweep,
        [
          '--multirun',
          'hydra.run.dir=/tmp/hydra-examples-run',
          "hydra.hydra_logging.formatters.simple.format='[HYDRA] %(message)s'",
          "hydra.job_logging.formatters.simple.format='[JOB] %(message)s'",
          ...args,
        ],
        (cfg, ctx) => {
          const db = cfg.db as Record<string, unknown>;
          lines.push(`#${ctx.job.num} : ${ctx.overrides.join(' ')}`, `driver=${db.driver}, timeout=${db.timeout}`);
        },
      );
      expect(r.error).toBeUndefined();
      expect(lines).toEqual(expected);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// tests/test_examples/test_configure_hydra.py
// ---------------------------------------------------------------------------------------------

describe('test_tutorials_basic.py (running_your_hydra_app)', () => {
  it('test_tutorial_working_directory: running_your_hydra_app/3_working_directory, the job runs in hydra.run.dir', async () => {
    // A fresh dir: tydra never reuses a taken run dir (docs/coming-from-hydra.md, `<dir>_1`).
    const dir = path.join(tempDir(), 'run');
    const r = await runApp(null, [`hydra.run.dir="${dir}"`, 'hydra.job.chdir=True'], (_cfg, ctx) => ctx.outputDir);
    expect(r.error).toBeUndefined();
    expect(r.result).toBe(dir);
  });

  it('test_tutorial_working_directory_original_cwd: running_your_hydra_app/3_working_directory/original_cwd.py (to_absolute_path)', async () => {
    const cwd = tempDir();
    const dir = path.join(tempDir(), 'run');
    const r = await runApp(null, [`hydra.run.dir="${dir}"`, 'hydra.job.chdir=True'], (_cfg, ctx) => [ctx.outputDir, ctx.originalCwd, ctx.resolvePath('foo'), ctx.resolvePath('/foo')], { cwd });
    expect(r.error).toBeUndefined();
    expect(r.result).toEqual([dir, cwd, path.join(cwd, 'foo'), '/foo']);
  });
});

describe('test_configure_hydra.py', () => {
  // DIFFERENCE: Hydra's get_help substitutes $APP_CONFIG_GROUPS with list_all_config_groups()
  // (every line "group: options\n", so it ends with a newline) and $CONFIG with
  // OmegaConf.to_yaml(cfg) (ends with a newline): the expected text has two blank lines after
  // "db: mysql, postgresql" and a blank line between "  pass: secret" and "-------".
  // tydra (src/cli/app-help.ts) inserts groupsText() joined without the final newline and
  // `config.trimEnd()`, so it prints one blank line after "db: mysql, postgresql" and none
  // between "  pass: secret" and "-------"; all other lines match.
  it('test_custom_help: configure_hydra/custom_help (override hydra/help: my_app_help)', async () => {
    const files = {
      'config.yaml': 'defaults:\n  - db: mysql\n  - override hydra/help: my_app_help\n',
      'db/mysql.yaml': 'driver: mysql\nuser: omry\npass: secret\n',
      'db/postgresql.yaml': 'driver: postgresql\nuser: postgres_user\npass: drowssap\ntimeout: 10\n',
      // The Hydra 1.3 file (no `hydra: help:` wrapper: the group's package is hydra.help).
      'hydra/help/my_app_help.yaml':
        '# App name, override to match the name your app is known by\napp_name: AwesomeApp\n\n# Help header, customize to describe your app to your users\nheader: == ${hydra.help.app_name} ==\n\nfooter: |-\n  Powered by Hydra (https://hydra.cc)\n  Use --hydra-help to view Hydra specific help\n\n# Basic Hydra flags:\n#   $FLAGS_HELP\n#\n# Config groups, choose one of:\n#   $APP_CONFIG_GROUPS: All config groups that does not start with hydra/.\n#   $HYDRA_CONFIG_GROUPS: All the Hydra config groups (starts with hydra/)\n#\n# Configuration generated with overrides:\n#   $CONFIG : Generated config\n#\ntemplate: |-\n  ${hydra.help.header}\n\n  This is ${hydra.help.app_name}!\n  You can choose a db driver by appending\n  == Configuration groups ==\n  Compose your configuration from those groups (db=mysql)\n\n  $APP_CONFIG_GROUPS\n\n  == Config ==\n  This is the config generated for this run.\n  You can override everything, for example:\n  python my_app.py db.user=foo db.pass=bar\n  -------\n  $CONFIG\n  -------\n  \n  ${hydra.help.footer}\n',
    };
    const r = await runApp(files, [...RUN, '--help']);
    expect(r.error).toBeUndefined();
    const expected = [
      '== AwesomeApp ==',
      '',
      'This is AwesomeApp!',
      'You can choose a db driver by appending',
      '== Configuration groups ==',
      'Compose your configuration from those groups (db=mysql)',
      '',
      'db: mysql, postgresql',
      '',
      '',
      '== Config ==',
      'This is the config generated for this run.',
      'You can override everything, for example:',
      'python my_app.py db.user=foo db.pass=bar',
      '-------',
      'db:',
      '  driver: mysql',
      '  user: omry',
      '  pass: secret',
      '',
      '-------',
      '',
      'Powered by Hydra (https://hydra.cc)',
      'Use --hydra-help to view Hydra specific help',
    ];
    // assert_text_same compares the lines with trailing whitespace and trailing blank lines ignored.
    const lines = r.printed.split('\n').map((l) => l.trimEnd());
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    expect(lines).toEqual(expected);
  });

  it('test_job_name_no_config_override: configure_hydra/job_name/no_config_file_override.py (the job is named after the app)', () => {
    const r = composeFiles({ 'config.yaml': 'hydra:\n  job:\n    name: name_from_config_file' }, undefined, RUN, { jobName: 'no_config_file_override' });
    expect(r.at('hydra.job.name')).toBe('no_config_file_override');
  });

  it('test_job_name_with_config_override: configure_hydra/job_name/with_config_file_override.py (hydra.job.name from config.yaml)', () => {
    const r = composeFiles({ 'config.yaml': 'hydra:\n  job:\n    name: name_from_config_file' }, 'config', RUN, { jobName: 'with_config_file_override' });
    expect(r.at('hydra.job.name')).toBe('name_from_config_file');
  });

  it('test_job_override_dirname: configure_hydra/job_override_dirname, learning_rate=0.1,0.01 batch_size=32 seed=999 -m', async () => {
    const files = {
      'config.yaml':
        'hydra:\n  sweep:\n    dir: multirun\n    subdir: ${hydra.job.override_dirname}/seed=${seed}\n  job:\n    config:\n      override_dirname:\n        exclude_keys:\n          - seed\n\nlearning_rate: 0.1\nbatch_size: 32\nseed: 1\n',
    };
    // Hydra's test passes its (existing) tmpdir; tydra never reuses a taken dir (docs/coming-from-hydra.md:
    // `<dir>_1`), so the sweep dir here is a fresh path.
    const sweepDir = path.join(tempDir(), 'sweep');
    const r = await runApp(files, [`hydra.sweep.dir=${sweepDir}`, 'hydra.job.chdir=True', 'learning_rate=0.1,0.01', 'batch_size=32', 'seed=999', '-m']);
    expect(r.error).toBeUndefined();
    expect(fs.statSync(path.join(sweepDir, 'batch_size=32,learning_rate=0.01', 'seed=999')).isDirectory()).toBe(true);
    expect(fs.statSync(path.join(sweepDir, 'batch_size=32,learning_rate=0.1', 'seed=999')).isDirectory()).toBe(true);
  });

  /** examples/configure_hydra/logging */
  const logging = {
    'config.yaml': 'defaults:\n  - override hydra/job_logging: custom\n',
    'hydra/job_logging/custom.yaml':
      "version: 1\nformatters:\n  simple:\n    format: '[%(levelname)s] - %(message)s'\nhandlers:\n  console:\n    class: logging.StreamHandler\n    formatter: simple\n    stream: ext://sys.stdout\nroot:\n  handlers: [console]\n\ndisable_existing_loggers: false\n",
  };

  it('test_logging: configure_hydra/logging, hydra/job_logging=custom from the app conf dir (the composed logging config)', () => {
    const r = composeFiles(logging, 'config', RUN);
    expect(r.c.choices.get('hydra/job_logging')).toBe('custom');
    expect(r.at('hydra.job_logging')).toEqual({
      version: 1,
      formatters: { simple: { format: '[%(levelname)s] - %(message)s' } },
      handlers: { console: { class: 'logging.StreamHandler', formatter: 'simple', stream: 'ext://sys.stdout' } },
      root: { handlers: ['console'] },
      disable_existing_loggers: false,
    });
    expect(r.json).toBe('{}');
  });

  it('test_disabling_logging: configure_hydra/logging with hydra/job_logging=none hydra/hydra_logging=none', () => {
    const r = composeFiles(logging, 'config', [...RUN, 'hydra/job_logging=none', 'hydra/hydra_logging=none']);
    expect(r.c.choices.get('hydra/job_logging')).toBe('none');
    expect(r.c.choices.get('hydra/hydra_logging')).toBe('none');
    expect(r.json).toBe('{}');
  });

  /** examples/configure_hydra/workdir */
  const workdir = { 'config.yaml': '# @package _global_\nhydra:\n  run:\n    dir: run_dir\n  sweep:\n    dir: sweep_dir\n    subdir: ${hydra.job.num}\n' };
  const outputDir: Task = (_cfg, ctx) => ctx.outputDir;

  it('test_workdir_config: configure_hydra/workdir, run dir run_dir and sweep dir sweep_dir/0 relative to the cwd', async () => {
    const cwd = tempDir();
    const run = await runApp(workdir, ['hydra.job.chdir=True'], outputDir, { cwd });
    expect(run.error).toBeUndefined();
    expect(run.result).toBe(path.join(fs.realpathSync(cwd), 'run_dir'));
    const dirs: string[] = [];
    const sweep = await runApp(workdir, ['--multirun', 'hydra/hydra_logging=disabled', 'hydra.job.chdir=True'], (_c, ctx) => dirs.push(ctx.outputDir), { cwd });
    expect(sweep.error).toBeUndefined();
    expect(dirs).toEqual([path.join(fs.realpathSync(cwd), 'sweep_dir', '0')]);
  });

  it('test_workdir_override: configure_hydra/workdir with hydra.run.dir=blah', async () => {
    const cwd = tempDir();
    const r = await runApp(workdir, ['hydra.run.dir=blah', 'hydra.job.chdir=True'], outputDir, { cwd });
    expect(r.error).toBeUndefined();
    expect(r.result).toBe(path.join(fs.realpathSync(cwd), 'blah'));
  });
});
