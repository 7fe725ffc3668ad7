/**
 * Shell completion of apps wrapped by `main()` (`-sc query=bash`), case by case against Hydra 1.3's
 * tests/test_completion.py and its fixture (hydra/test_utils/configs/completion_test). Results are
 * sorted and de-duplicated, as Hydra's `_query`. Deliberate differences are marked "tydra:".
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { complete, shellCompletion } from '../../src/cli/app-completion.js';
import { type AppFlagSpec, emptyArgs } from '../../src/cli/app-flags.js';
import { Composer, type ComposeOptions } from '../../src/compose/compose.js';
import { confTree, tempDir } from '../helpers/conf-tree.js';

// Hydra's completion_test config tree (its 1.3 primary config leaves `group` unset: `group: null`).
const conf = confTree({
  'config.yaml': [
    'defaults:',
    '  - _self_',
    '  - group: null',
    '# a mapping item',
    'dict:',
    '  key1: val1',
    '  key2: val2',
    '  key3: ???',
    '# an item with a prefix identical to that of the dict',
    'dict_prefix: yup',
    '# a list item',
    'list:',
    '  - aa',
    '  - bb',
    '  - ???',
    '# an item with a prefix identical to a list',
    'list_prefix: yup',
    '',
  ].join('\n'),
  'group/dict.yaml': '# @package _global_\ngroup:\n  dict: true\ntoys:\n  andy: davis\n  slinky: dog\n  list:\n    - aa\n    - bb\n',
  'group/list.yaml': '# @package _global_\n- buzz lightyear\n- sheriff andy\n- name: Toy Story\n  length: 81 minutes\n',
  'test_hydra/launcher/fairtask.yaml': '# @package _global_\nfairtask_launcher: true\n',
  'missing_default.yaml': 'defaults:\n  - group: ???\n',
  // tydra: values of other types, for `key=` completion.
  'values.yaml': 'lr: 0.001\nepochs: 10\nflag: false\nnothing: null\nname: ${dict_name}\ndict_name: run\nbroken: ${oops}\n',
});
const cwd = tempDir();
const opts: ComposeOptions = { configDir: conf, configName: 'config', cwd };
const appFlags: Record<string, AppFlagSpec> = { 'dry-run': { type: 'boolean' }, tag: { type: 'string', alias: 't' } };

function q(args: string, o: ComposeOptions = opts): string[] {
  return complete(`node app.js ${args}`, o, appFlags);
}

// Hydra's base_completion_list, less `hydra` and `hydra.` (tydra: Hydra's own groups and keys are
// offered once the word starts with `hydra`).
const base = ['dict.', 'dict_prefix=', 'group=', 'list.', 'list_prefix=', 'test_hydra/'];

afterEach(() => {
  vi.restoreAllMocks();
});

// TestRunCompletion: each line alone, after `dict.key1=val1 `, and after `--multirun `.
const runCases: [string, string[]][] = [
  ['', base],
  [' ', base],
  ['dict', ['dict.', 'dict_prefix=']],
  ['dict.', ['dict.key1=', 'dict.key2=', 'dict.key3=']],
  ['dict.key', ['dict.key1=', 'dict.key2=', 'dict.key3=']],
  ['dict.key1=', ['dict.key1=val1']],
  ['dict.key3=', ['dict.key3=']], // dict.key3 is ???: no value
  ['list', ['list.', 'list_prefix=']],
  ['list.', ['list.0=', 'list.1=', 'list.2=']],
  ['test_hydra/lau', ['test_hydra/launcher=']],
  ['test_hydra/launcher=', ['test_hydra/launcher=fairtask']],
  ['test_hydra/launcher=fa', ['test_hydra/launcher=fairtask']],
  ['gro', ['group=']],
  ['group=di', ['group=dict']],
  ['group=dict ', ['dict.', 'dict_prefix=', 'group.', 'group=', 'list.', 'list_prefix=', 'test_hydra/', 'toys.']],
  ['group=', ['group=dict', 'group=list']],
  ['group=dict group.dict=', ['group.dict=true']],
  ['group=dict group=', ['group=dict', 'group=list']],
];

describe('TestRunCompletion', () => {
  for (const linePrefix of ['', 'dict.key1=val1 ']) {
    for (const [line, expected] of runCases) {
      it(`'${linePrefix}${line}'`, () => {
        expect(q(linePrefix + line)).toEqual(expected);
        expect(q(`--multirun ${linePrefix}${line}`)).toEqual(expected);
      });
    }
  }

  it("'hydra/' lists Hydra's groups", () => {
    const hydraGroups = ['hydra/env=', 'hydra/help=', 'hydra/hydra_help=', 'hydra/hydra_logging=', 'hydra/job_logging=', 'hydra/launcher=', 'hydra/output=', 'hydra/sweeper='];
    expect(q('hydra/')).toEqual(hydraGroups);
    expect(q('dict.key1=val1 hydra/')).toEqual(hydraGroups);
    expect(q('--multirun hydra/')).toEqual(hydraGroups);
  });
});

describe('TestMultirunCompletion', () => {
  const cases: [string, string[]][] = [
    ['', base],
    ['gro', ['group=']],
    ['group', ['group=']],
    ['group=', ['group=dict', 'group=list']],
    ['group=dic', ['group=dict']],
    ['group=dict', ['group=dict']],
    ['group=dict dict.', ['dict.key1=', 'dict.key2=', 'dict.key3=']],
    // A sweep before the word is left out of the composition, as Hydra's multirun does.
    ['group=dict,list list.', ['list.0=', 'list.1=', 'list.2=']],
    // Hydra's xfail ("not currently supported"): done for simple option lists.
    ['group=dict,', ['group=dict,list']],
    // tydra: Hydra gives [] here (it cannot complete sweeps); the last option completes to itself.
    ['group=dict,list', ['group=dict,list']],
    ['group=dict,list,', []],
  ];
  for (const [line, expected] of cases) {
    it(`'--multirun ${line}'`, () => {
      expect(q(`--multirun ${line}`)).toEqual(expected);
      expect(q(`-m ${line}`)).toEqual(expected);
    });
  }

  it('composes no keys in run mode when a sweep precedes the word (as Hydra)', () => {
    expect(q('group=dict,list list.')).toEqual([]);
  });
});

describe('test_with_flags', () => {
  it('completes overrides after the value of -c', () => {
    expect(q('-c hydra ')).toEqual(base);
    expect(q('-c all ')).toEqual(base);
    expect(q('--cfg job ')).toEqual(base);
  });

  it("tydra: completes the value of -c (Hydra's argparse hands the base list back for '-c job')", () => {
    expect(q('-c job')).toEqual(['job']);
    expect(q('-c ')).toEqual(['all', 'hydra', 'job']);
    expect(q('-sc ins')).toEqual(['install=bash', 'install=fish', 'install=zsh']);
    // Paths and app flag values are left to the shell's default completion.
    expect(q('-cd ')).toEqual([]);
    expect(q('--tag ')).toEqual([]);
    expect(q('-t x ')).toEqual(base);
  });
});

describe('test_file_completion', () => {
  const cases: [string, string, string[], string[]][] = [
    ['abc=', '', ['foo.txt'], ['foo.txt']],
    ['abc=', 'fo', ['foo.txt'], ['foo.txt']],
    ['abc=', 'foo.txt', ['foo.txt'], ['foo.txt']],
    ['abc=', 'foo', ['foo1.txt', 'foo2.txt'], ['foo1.txt', 'foo2.txt']],
    ['abc=', 'foo1', ['foo1.txt', 'foo2.txt'], ['foo1.txt']],
    ['abc=', 'foo/bar', [], []],
  ];
  for (const relative of [true, false]) {
    for (const linePrefix of ['', 'dict.key1=val1 ']) {
      for (const [keyEq, fnamePrefix, files, expected] of cases) {
        it(`${relative ? 'relative' : 'absolute'} '${linePrefix}${keyEq}${fnamePrefix}' in [${files.join(', ')}]`, () => {
          const dir = tempDir('tydra-files-');
          for (const f of files) fs.writeFileSync(path.join(dir, f), '');
          const prefix = relative ? `.${path.sep}` : fs.realpathSync(dir);
          const probe = relative ? `${prefix}${fnamePrefix}` : path.join(prefix, fnamePrefix);
          const got = q(`${linePrefix}${keyEq}${probe}`, { ...opts, cwd: dir });
          expect(got).toEqual(expected.map((f) => `${keyEq}${relative ? `${prefix}${f}` : path.join(prefix, f)}`));
        });
      }
    }
  }

  it('keeps the ./ typed and lists a directory given with or without its slash', () => {
    const dir = tempDir('tydra-files-');
    fs.mkdirSync(path.join(dir, 'data'));
    fs.writeFileSync(path.join(dir, 'data', 'a.csv'), '');
    expect(q('abc=./da', { ...opts, cwd: dir })).toEqual(['abc=./data']);
    expect(q('abc=./data', { ...opts, cwd: dir })).toEqual(['abc=./data/a.csv']);
    expect(q('abc=./data/', { ...opts, cwd: dir })).toEqual(['abc=./data/a.csv']);
    expect(q('+abc=./data/', { ...opts, cwd: dir })).toEqual(['+abc=./data/a.csv']);
  });
});

describe('prefixes, packages and hydra', () => {
  it('completes +group, ~group and +group= (Hydra strips one + or ~ for groups)', () => {
    expect(q('+gro')).toEqual(['+group=']);
    expect(q('+group=')).toEqual(['+group=dict', '+group=list']);
    expect(q('~group=l')).toEqual(['~group=list']);
    expect(q('+test_hydra/')).toEqual(['+test_hydra/launcher=']);
    expect(q('~')).toEqual(base.map((b) => `~${b}`));
  });

  it('tydra: completes ++ words, and keys after +, ++ and ~ (Hydra completes groups only there)', () => {
    expect(q('++gro')).toEqual(['++group=']);
    expect(q('++dict.')).toEqual(['++dict.key1=', '++dict.key2=', '++dict.key3=']);
    expect(q('~dict.k')).toEqual(['~dict.key1=', '~dict.key2=', '~dict.key3=']);
    expect(q('+dict.key1=')).toEqual(['+dict.key1=val1']);
  });

  it('tydra: completes the options of a group given a package (group@pkg=)', () => {
    expect(q('group@foo=')).toEqual(['group@foo=dict', 'group@foo=list']);
    expect(q('+group@foo.bar=d')).toEqual(['+group@foo.bar=dict']);
    expect(q('group@')).toEqual([]);
  });

  it('tydra: offers hydra groups and keys once the word starts with hydra', () => {
    expect(q('h')).toEqual([]);
    expect(q('hydra')).toEqual(['hydra', 'hydra.']);
    expect(q('hydra/lau')).toEqual(['hydra/launcher=']);
    expect(q('hydra/launcher=')).toContain('hydra/launcher=basic');
    expect(q('hydra/launcher=ba')).toEqual(['hydra/launcher=basic']);
    expect(q('hydra.jo')).toEqual(['hydra.job.', 'hydra.job_logging.']);
    expect(q('hydra.job.chdir=')).toEqual([]); // null: no value, as Hydra
    expect(q('hydra.mode=')).toEqual(['hydra.mode=RUN']);
  });
});

describe('keys', () => {
  it('goes one level at a time into nested dicts and lists of a chosen option', () => {
    expect(q('group=dict toys.')).toEqual(['toys.andy=', 'toys.list.', 'toys.slinky=']);
    expect(q('group=dict toys.list.')).toEqual(['toys.list.0=', 'toys.list.1=']);
    expect(q('group=dict toys.list.1=')).toEqual(['toys.list.1=bb']);
    expect(q('toys.')).toEqual([]);
  });

  it('offers nothing for a key that is not there, or a value used as a container', () => {
    expect(q('abc=')).toEqual([]);
    expect(q('dict_prefix.')).toEqual([]);
    expect(q('dict=')).toEqual([]);
    expect(q('dict..')).toEqual([]);
    expect(q('dict.key1=val1=')).toEqual([]);
  });

  it('tydra: completes a value being typed (Hydra offers nothing for dict.key1=v)', () => {
    expect(q('dict.key1=v')).toEqual(['dict.key1=val1']);
    expect(q('dict.key1=val1')).toEqual(['dict.key1=val1']);
    expect(q('dict.key1=x')).toEqual([]);
  });

  it("completes key= with the current value (bools lowercase, interpolations resolved, null none)", () => {
    const v = { ...opts, configName: 'values' };
    expect(q('lr=', v)).toEqual(['lr=0.001']);
    expect(q('epochs=', v)).toEqual(['epochs=10']);
    expect(q('flag=', v)).toEqual(['flag=false']);
    expect(q('nothing=', v)).toEqual([]);
    expect(q('name=', v)).toEqual(['name=run']);
    expect(q('broken=', v)).toEqual(['broken=${oops}']);
  });

  it('completes groups only when the primary config does not compose', () => {
    const m = { ...opts, configName: 'missing_default' };
    expect(q('', m)).toEqual(['group=', 'test_hydra/']);
    expect(q('group=', m)).toEqual(['group=dict', 'group=list']);
    expect(q('group=dict ', m)).toEqual(['group.', 'group=', 'test_hydra/', 'toys.']);
  });
});

describe('command line', () => {
  it('completes --flags, Hydra and the app (tydra: Hydra does not)', () => {
    expect(q('--mu')).toEqual(['--multirun']);
    expect(q('--d')).toEqual(['--detach', '--dry-run']);
  });

  it('offers nothing after --', () => {
    expect(q('-- ')).toEqual([]);
    expect(q('-- gro')).toEqual([]);
  });

  it('strips the app the way the shell wrote it', () => {
    for (const app of ['./app.js', 'node  app.js', '/usr/bin/node --enable-source-maps dist/app.js', 'npx tsx app.ts']) {
      expect(complete(`${app} gro`, opts, {})).toEqual(['group=']);
      expect(complete(`${app} group=dict group.`, opts, {})).toEqual(['group.dict=']);
    }
  });

  it('lists groups and options without composing; keys compose once', () => {
    const spy = vi.spyOn(Composer.prototype, 'compose');
    q('group=');
    q('test_hydra/');
    q('hydra/launcher=b');
    q('group=dict,');
    expect(spy).not.toHaveBeenCalled();
    q('dict.');
    expect(spy).toHaveBeenCalledTimes(1);
  });
});

describe('install and uninstall (bash)', () => {
  /** The install and uninstall scripts of an app at `<tmp>/<name>`. */
  function scripts(name: string): { install: string; uninstall: string } {
    const argv1 = process.argv[1];
    process.argv[1] = path.join(tempDir(), name);
    try {
      const dir = tempDir('tydra-sc-');
      const install = path.join(dir, 'install.sh');
      const uninstall = path.join(dir, 'uninstall.sh');
      fs.writeFileSync(install, shellCompletion('install=bash', opts, emptyArgs(), {}));
      fs.writeFileSync(uninstall, shellCompletion('uninstall=bash', opts, emptyArgs(), {}));
      return { install, uninstall };
    } finally {
      process.argv[1] = argv1;
    }
  }
  const bash = (script: string) => execFileSync('bash', ['-c', script], { encoding: 'utf8' }).trim().split('\n');

  it('registers the app and node, and uninstall removes the app and its function', () => {
    const { install, uninstall } = scripts('train.js');
    const out = bash(`source ${install}; complete -p node train.js; source ${uninstall}; complete -p train.js 2>&1 | wc -l; type -t _tydra_train_js || echo none`);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatch(/^complete (-o \w+ )+-F _tydra_node node$/);
    expect(out[1]).toMatch(/^complete (-o \w+ )+-F _tydra_train_js train\.js$/);
    expect(out.slice(2)).toEqual(['1', 'none']); // train.js's spec and function are gone
  });

  it('completes `node <app>` for every installed app, not only the last one installed', () => {
    const train = scripts('train.js');
    const evaluate = scripts('eval.js');
    // Stand-ins for the apps' functions (the real ones call the app back).
    const stubs = '_tydra_train_js() { COMPREPLY=(from-train); }; _tydra_eval_js() { COMPREPLY=(from-eval); }';
    const ask = (app: string) => `COMP_WORDS=(node ./${app} x); COMP_CWORD=2; COMPREPLY=(); _tydra_node; echo "\${COMPREPLY[*]:-nothing}"`;
    const out = bash(`source ${train.install}; source ${evaluate.install}; ${stubs}; ${ask('train.js')}; ${ask('eval.js')}; ${ask('other.js')}; source ${evaluate.uninstall}; ${ask('eval.js')}; ${ask('train.js')}`);
    expect(out).toEqual(['from-train', 'from-eval', 'nothing', 'nothing', 'from-train']);
  });
});

/** Whether `shell` is installed (.ci/run installs fish; elsewhere the test is skipped). */
function hasShell(shell: string): boolean {
  try {
    execFileSync(shell, ['-c', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasShell('fish'))('install (fish), with a real app', () => {
  it('completes groups, options and keys for `node app.mjs` and `app.mjs`', () => {
    const dir = tempDir('tydra-fish-');
    const conf = path.join(dir, 'conf');
    fs.mkdirSync(path.join(conf, 'db'), { recursive: true });
    fs.writeFileSync(path.join(conf, 'config.yaml'), 'defaults:\n  - db: mysql\n  - _self_\nlr: 0.1\n');
    fs.writeFileSync(path.join(conf, 'db', 'mysql.yaml'), 'port: 3306\n');
    fs.writeFileSync(path.join(conf, 'db', 'postgres.yaml'), 'port: 5432\n');
    const dist = path.resolve(__dirname, '../../dist/index.js');
    const app = path.join(dir, 'app.mjs');
    fs.writeFileSync(app, `import { main } from ${JSON.stringify(pathToFileURL(dist).href)};\nmain({ configPath: 'conf', configName: 'config' }, () => undefined);\n`);
    const install = execFileSync(process.execPath, [app, '-sc', 'install=fish'], { cwd: dir, encoding: 'utf8' });
    fs.writeFileSync(path.join(dir, 'install.fish'), install);
    const ask = (line: string) => `complete -C${JSON.stringify(line)}; echo ---`;
    const out = execFileSync('fish', ['-c', ['source install.fish', ask('node app.mjs db='), ask('node app.mjs db=postgres db.'), ask('app.mjs l')].join('; ')], { cwd: dir, encoding: 'utf8' });
    expect(out.split('---\n').map((block) => block.trim().split('\n').filter(Boolean))).toEqual([['db=mysql', 'db=postgres'], ['db.port='], ['lr='], []]);
  });
});
