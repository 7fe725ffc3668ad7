/**
 * What `--cfg job|hydra|all [--resolve] [-p PKG]` and `--info [TOPIC]` print
 * (src/cli/app-info.ts), called directly with a Composer.
 */
import { describe, expect, it } from 'vitest';
import { emptyArgs } from '../../src/cli/app-flags.js';
import type { AppArgs } from '../../src/cli/app-flags.js';
import { printInfo, sanitizedHydraTree } from '../../src/cli/app-info.js';
import { Composer, parseAll } from '../../src/compose/compose.js';
import { TydraError } from '../../src/errors.js';
import { confTree } from '../helpers/conf-tree.js';

const files = {
  'config.yaml': [
    'defaults:',
    '  - db: mysql',
    '  - _self_',
    'seed: 42',
    'lr: ${optim.lr}',
    'optim:',
    '  lr: 0.1',
    'flag: true',
    'nothing: null',
    'token: ???',
    'lst: [1, 2]',
    'sub: ${hydra.sweep.subdir}',
    '',
  ].join('\n'),
  'db/mysql.yaml': 'driver: mysql\nport: 3306\n',
  'db/postgres.yaml': 'driver: postgres\nport: 5432\n',
};

function setup(tree: Record<string, string> = files) {
  const dir = confTree(tree);
  const composer = new Composer({ configDir: dir, configName: 'config', env: {} }, []);
  const print = (args: Partial<AppArgs>, overrides: string[] = []) => printInfo(composer, parseAll(overrides), { ...emptyArgs(), ...args });
  return { dir, composer, print };
}

/** The top-level keys of printed YAML. */
const topKeys = (yaml: string) => yaml.split('\n').filter((l) => /^[\w"']/.test(l)).map((l) => l.split(':')[0]);

const jobYaml = 'db:\n  driver: mysql\n  port: 3306\nseed: 42\nlr: ${optim.lr}\noptim:\n  lr: 0.1\nflag: true\nnothing: null\ntoken: ???\nlst:\n- 1\n- 2\nsub: ${hydra.sweep.subdir}\n';

describe('--cfg', () => {
  const { print } = setup();

  it('job: prints the job config without hydra, interpolations as written', () => {
    expect(print({ cfg: 'job' })).toBe(jobYaml);
  });

  it('job with overrides: prints the config the overrides compose', () => {
    const out = print({ cfg: 'job' }, ['db=postgres', 'seed=7']);
    expect(out).toContain('db:\n  driver: postgres\n  port: 5432\nseed: 7\n');
  });

  it('job --resolve: resolves interpolations, one to a missing value becoming ???', () => {
    const out = print({ cfg: 'job', resolve: true });
    expect(out).toContain('lr: 0.1\n');
    expect(out).toContain('sub: ???\n');
    expect(out).toContain('token: ???\n');
    expect(out).not.toContain('${');
  });

  it('hydra: prints only the hydra node, without its help templates', () => {
    const out = print({ cfg: 'hydra' });
    expect(topKeys(out)).toEqual(['hydra']);
    expect(out).toMatch(/^hydra:\n {2}run:\n {4}dir: outputs\/\$\{now:%Y-%m-%d\}\/\$\{now:%H-%M-%S\}\n/);
    expect(out).not.toMatch(/^ {2}help:/m);
    expect(out).not.toMatch(/^ {2}hydra_help:/m);
    expect(out).toMatch(/^ {2}job_logging:/m);
  });

  it('all: prints the whole hydra node (composed first, as in Hydra) and the job config', () => {
    const out = print({ cfg: 'all' });
    expect(topKeys(out)).toEqual(['hydra', 'db', 'seed', 'lr', 'optim', 'flag', 'nothing', 'token', 'lst', 'sub']);
    expect(out).toMatch(/^ {2}help:/m);
    expect(out).toMatch(/^ {2}hydra_help:/m);
  });

  it('all --resolve: resolves the hydra node too', () => {
    const out = print({ cfg: 'all', resolve: true }, ['hydra.run.dir=out_${seed}']);
    expect(out).toContain('  run:\n    dir: out_42\n');
    expect(out).toContain('    subdir: ???\n');
  });
});

describe('--cfg with --package', () => {
  const { print } = setup();

  it('prints a mapping under a # @package header', () => {
    expect(print({ cfg: 'job', package: 'db' })).toBe('# @package db\ndriver: mysql\nport: 3306\n');
    expect(print({ cfg: 'job', package: 'lst' })).toBe('# @package lst\n- 1\n- 2\n');
  });

  it('prints a scalar as Python prints it, resolved', () => {
    expect(print({ cfg: 'job', package: 'db.driver' })).toBe('mysql\n');
    expect(print({ cfg: 'job', package: 'flag' })).toBe('True\n');
    expect(print({ cfg: 'job', package: 'nothing' })).toBe('None\n');
    expect(print({ cfg: 'job', package: 'lr' })).toBe('0.1\n');
    expect(print({ cfg: 'job', package: 'lst.1' })).toBe('2\n');
  });

  it('resolves a mapping’s interpolations with --resolve only', () => {
    const { print: p } = setup({ 'config.yaml': 'a:\n  b: ${c}\nc: 10\n' });
    expect(p({ cfg: 'job', package: 'a' })).toBe('# @package a\nb: ${c}\n');
    expect(p({ cfg: 'job', package: 'a', resolve: true })).toBe('# @package a\nb: 10\n');
  });

  it('prints the whole tree for _global_', () => {
    expect(print({ cfg: 'job', package: '_global_' })).toBe(jobYaml);
  });

  it('reads a package of the hydra config relative to hydra, or from hydra', () => {
    expect(print({ cfg: 'hydra', package: 'job.name' })).toBe('app\n');
    expect(print({ cfg: 'hydra', package: 'hydra.job.name' })).toBe('app\n');
    expect(print({ cfg: 'hydra', package: 'launcher' })).toBe('# @package launcher\n_target_: tydra.launchers.basic\n');
  });

  it('does not find the hydra node in the job config', () => {
    expect(() => print({ cfg: 'job', package: 'hydra.job.name' })).toThrow("Package 'hydra.job.name' not found in the config");
  });

  it('reports a package that is absent or ??? as not found', () => {
    for (const pkg of ['nope', 'db.nope', 'lst.5', 'token']) {
      let error: unknown;
      try {
        print({ cfg: 'job', package: pkg });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TydraError);
      expect((error as Error).message).toBe(`Package '${pkg}' not found in the config`);
    }
  });
});

describe('--info', () => {
  const { dir, print } = setup();

  it('plugins: names the launchers and sweepers', () => {
    expect(print({ info: 'plugins' })).toBe(
      'Installed launchers and sweepers\n********************************\nlaunchers: basic, local, slurm (hydra/launcher=...)\nsweepers: basic, random (hydra/sweeper=...)\n',
    );
  });

  it('searchpath: a table of providers and search paths, tydra’s own first', () => {
    const out = print({ info: 'searchpath' });
    expect(out).toBe(`Config search path\n******************\n| Provider | Search path\n| tydra    | builtin://tydra.conf/\n| main     | file://${dir}\n`);
  });

  it('defaults-tree: the tree from <root>, hydra/config first', () => {
    const out = print({ info: 'defaults-tree' });
    expect(out.startsWith('Defaults Tree\n*************\n<root>:\n  hydra/config:\n    hydra/output: default\n')).toBe(true);
    expect(out).toContain('  config:\n    db: mysql\n    _self_\n');
  });

  it('defaults: the final defaults list, following the overrides', () => {
    const out = print({ info: 'defaults' }, ['db=postgres']);
    expect(out).toMatch(/\| db\/postgres +\| db +\| False +\| config +\|/);
    expect(out).toMatch(/\| hydra\/launcher\/basic +\| hydra\.launcher +\| False +\| hydra\/config +\|/);
    expect(out).not.toContain('db/mysql');
  });

  it('config: the job config under a heading', () => {
    expect(print({ info: 'config' })).toBe(`Config\n******\n${jobYaml}`);
  });

  it('all (the default): every section, in Hydra’s order, without provenance', () => {
    const out = print({});
    const at = (s: string) => out.indexOf(s);
    expect(at('Installed launchers and sweepers')).toBe(0);
    expect(at('Config search path')).toBeGreaterThan(0);
    expect(at('Defaults Tree')).toBeGreaterThan(at('Config search path'));
    expect(at('Defaults List')).toBeGreaterThan(at('Defaults Tree'));
    expect(at('Config\n******')).toBeGreaterThan(at('Defaults List'));
    expect(out).not.toContain('Provenance');
    expect(print({ info: 'all' })).toBe(out);
  });

  it('provenance: where each value came from, narrowed by -p', () => {
    const out = print({ info: 'provenance' });
    expect(out.startsWith('Provenance\n**********\n')).toBe(true);
    expect(out).toMatch(/^db\.port = 3306 +db\/mysql\.yaml:2:7/m);
    expect(out).toMatch(/^seed = 42 +config\.yaml:4:7/m);
    const narrowed = print({ info: 'provenance', package: 'db' });
    expect(narrowed).toMatch(/^db\.driver = mysql/m);
    expect(narrowed).not.toMatch(/^seed/m);
  });
});

describe('sanitizedHydraTree', () => {
  it('keeps the hydra node without help and hydra_help, and leaves the composition alone', () => {
    const { composer } = setup();
    const c = composer.compose([]);
    const tree = sanitizedHydraTree(c);
    expect([...tree.entries.keys()]).toEqual(['hydra']);
    const hydra = tree.entries.get('hydra');
    const keys = hydra?.kind === 'dict' ? [...hydra.entries.keys()] : [];
    expect(keys).toContain('run');
    expect(keys).not.toContain('help');
    expect(keys).not.toContain('hydra_help');
    const original = c.root.entries.get('hydra');
    expect(original?.kind === 'dict' && original.entries.has('help')).toBe(true);
  });
});
