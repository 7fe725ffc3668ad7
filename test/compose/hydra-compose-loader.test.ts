/**
 * Composition as Hydra 1.3's config loader does it (scenarios of Hydra's tests/test_config_loader.py,
 * recreated with our own conf trees): optional and missing defaults, packages, struct mode,
 * `.yml` files, `hydra.*` values from the config and the command line, dict overrides, choices.
 */
import { describe, expect, it } from 'vitest';
import { ConfigCompositionError, MissingConfigError } from '../../src/defaults/errors.js';
import { confTree } from '../helpers/conf-tree.js';
import { composeFiles, composeIn, failure } from './hydra-compose-helpers.js';

const basic = confTree({
  'config.yaml': 'normal_yaml_config: true\n',
  'config.yml': 'yml_file_here: true\n',
  'compose.yaml': '# @package _global_\ndefaults:\n  - group1: file1\n  - group2: file1\n',
  'group1/file1.yaml': '# @package _global_\nfoo: 10\n',
  'group1/file2.yaml': '# @package _global_\nfoo: 20\n',
  'group1/abc.cde.yaml': '# @package _global_\nabc=cde: null\n',
  'group2/file1.yaml': '# @package _global_\nbar: 100\n',
  'group2/file2.yaml': '# @package _global_\nbar: 200\n',
  'optional-default.yaml': 'defaults:\n  - optional group1: file1\n',
  'optional-deprecated.yaml': 'defaults:\n  - group1: file1\n    optional: true\n',
  'missing-optional-default.yaml': 'defaults:\n  - optional foo: missing\n',
  'missing-default.yaml': 'defaults:\n  - group1: not_found\n',
  'overriding_run_dir.yaml': 'hydra:\n  run:\n    dir: cde\n',
  'unspecified_mandatory_default.yaml': 'defaults:\n  - group1: ???\n',
  'defaults_not_list.yaml': 'defaults:\n  foo: bar\n',
  'package_tests/group1/option1.yaml': 'group1_option1: true\n',
  'package_tests/group1/option2.yaml': 'group1_option2: true\n',
  'package_tests/group2/option1.yaml': 'group2_option1: true\n',
  'package_tests/two_packages_one_group.yaml': 'defaults:\n  - group1@pkg1: option1\n  - group1@pkg2: option1\n',
});

const compose = (name: string | undefined, overrides: string[] = []) => composeIn(basic, name, overrides);

describe('loading a primary config', () => {
  it('adds a new key with + and keeps the YAML types', () => {
    expect(compose('config.yaml', ['+abc=123']).json).toBe('{"normal_yaml_config": true, "abc": 123}');
  });
  it('finds the primary config with or without its extension, and a .yml file by its full name', () => {
    expect(compose('config').json).toBe('{"normal_yaml_config": true}');
    expect(compose('config.yml').json).toBe('{"yml_file_here": true}');
  });
  it('fails with a missing-config error when a default names an option that does not exist', () => {
    const e = failure(() => compose('missing-default.yaml'));
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toContain("Could not find 'group1/not_found'");
  });
  it('skips an optional default whose option does not exist', () => {
    expect(compose('missing-optional-default.yaml').json).toBe('{}');
  });
  it('loads an optional default that exists, and lets the command line change it', () => {
    expect(compose('optional-default.yaml').json).toBe('{"foo": 10}');
    expect(compose('optional-default', ['group1=file2']).json).toBe('{"foo": 20}');
  });
  it("rejects the pre-1.2 'optional: true' key in a defaults item (too many keys)", () => {
    expect(failure(() => compose('optional-deprecated')).message).toContain('Too many keys in default item');
  });
  it('appends a group that is not in the defaults list with +', () => {
    expect(compose('optional-default.yaml', ['+group2=file1']).json).toBe('{"foo": 10, "bar": 100}');
  });
  it('reads a key with an = in a quoted override value', () => {
    expect(compose('config', ["+abc='cde=12'"]).json).toBe('{"normal_yaml_config": true, "abc": "cde=12"}');
  });
  it('selects an option whose name has a dot in it', () => {
    expect(compose('compose.yaml', ['group1=abc.cde']).json).toBe('{"abc=cde": null, "bar": 100}');
  });
  it('adds a null value with +key=null', () => {
    expect(compose('config.yaml', ['+abc=null']).json).toBe('{"normal_yaml_config": true, "abc": null}');
  });
  it('rejects a defaults list that is not a list', () => {
    expect(failure(() => compose('defaults_not_list.yaml')).message).toMatch(/defaults must be a list|Invalid defaults list/);
  });
  it('fails when a mandatory default (???) is not given, listing the options', () => {
    const e = failure(() => compose('unspecified_mandatory_default'));
    expect(e.message).toContain("You must specify 'group1', e.g, group1=<OPTION>");
    expect(e.message).toMatch(/abc\.cde[\s\S]*file1[\s\S]*file2/);
  });
});

describe('struct mode', () => {
  it('changes existing keys but rejects unknown keys without +', () => {
    expect(compose('compose.yaml', ['foo=ZZZ']).json).toBe('{"foo": "ZZZ", "bar": 100}');
    const e = failure(() => compose('compose.yaml', ['f00=ZZZ']));
    expect(e).toBeInstanceOf(ConfigCompositionError);
    expect(e.message).toContain("Could not override 'f00'.\nTo append to your config use +f00=ZZZ");
  });
});

describe('one group in two packages', () => {
  const two = (overrides: string[]) => composeIn(`${basic}/package_tests`, 'two_packages_one_group', overrides).json;
  it('composes the option once per package', () => {
    expect(two([])).toBe('{"pkg1": {"group1_option1": true}, "pkg2": {"group1_option1": true}}');
  });
  it('appends a third package with +group@pkg', () => {
    expect(two(['+group1@pkg3=option1'])).toBe('{"pkg1": {"group1_option1": true}, "pkg2": {"group1_option1": true}, "pkg3": {"group1_option1": true}}');
  });
  it('deletes one of them with ~group@pkg', () => {
    expect(two(['~group1@pkg1'])).toBe('{"pkg2": {"group1_option1": true}}');
  });
  it('changes the option of one package only', () => {
    expect(two(['group1@pkg2=option2'])).toBe('{"pkg1": {"group1_option1": true}, "pkg2": {"group1_option2": true}}');
  });
});

describe('the hydra node', () => {
  it('takes hydra.run.dir from the primary config, and the command line over it', () => {
    expect(compose('overriding_run_dir.yaml').at('hydra.run.dir')).toBe('cde');
    expect(compose('overriding_run_dir.yaml', ['hydra.run.dir=abc']).at('hydra.run.dir')).toBe('abc');
  });
  it('copies hydra.job.env_copy variables into env_set', () => {
    const c = composeIn(basic, undefined, ['hydra.job.env_copy=[zonk]'], { env: { zonk: '123456' } });
    expect(c.at('hydra.job.env_set')).toEqual({ zonk: '123456' });
  });
});

describe('a defaults list with an interpolated optional option', () => {
  const dir = confTree({
    'config.yaml': '# @package _global_\ndefaults:\n  - optimizer: adam\n  - dataset: imagenet\n  - optional optimizer_dataset: ${optimizer}_${dataset}\n',
    'optimizer/adam.yaml': 'type: adam\nlr: 0.1\nbeta: 0.01\n',
    'optimizer/nesterov.yaml': 'type: nesterov\nlr: 0.001\n',
    'dataset/imagenet.yaml': 'name: imagenet\npath: /datasets/imagenet\n',
    'optimizer_dataset/adam_imagenet.yaml': '# @package _global_\nadam_imagenet: true\n',
    'optimizer_dataset/nesterov_imagenet.yaml': '# @package _global_\nnesterov_imagenet: true\n',
  });
  it('picks the option named after the other choices', () => {
    expect(composeIn(dir, 'config').json).toBe(
      '{"optimizer": {"type": "adam", "lr": 0.1, "beta": 0.01}, "dataset": {"name": "imagenet", "path": "/datasets/imagenet"}, "adam_imagenet": true}',
    );
    expect(composeIn(dir, 'config', ['optimizer=nesterov']).json).toBe(
      '{"optimizer": {"type": "nesterov", "lr": 0.001}, "dataset": {"name": "imagenet", "path": "/datasets/imagenet"}, "nesterov_imagenet": true}',
    );
  });
});

describe('value overrides on a struct config (Hydra _apply_overrides_to_config)', () => {
  const on = (yaml: string, overrides: string[]) => composeFiles({ 'config.yaml': yaml }, 'config', overrides).json;
  const err = (yaml: string, overrides: string[]) => failure(() => on(yaml, overrides));
  it('appends', () => {
    expect(err('{}', ['x=10']).message).toContain("Could not override 'x'.\nTo append to your config use +x=10");
    expect(on('{}', ['+x=10'])).toBe('{"x": 10}');
    expect(on('{}', ['+x=[1,2,3]'])).toBe('{"x": [1, 2, 3]}');
    expect(on('{}', ['+x={}'])).toBe('{"x": {}}');
    expect(on('{}', ['+x={a:1,b:2}'])).toBe('{"x": {"a": 1, "b": 2}}');
    expect(err('x: 20', ['+x=10']).message).toContain("Could not append to config. An item is already at 'x'");
  });
  it('overrides', () => {
    expect(on('x: 20', ['x=10'])).toBe('{"x": 10}');
    expect(on('x: null', ['x=[1,2,3]'])).toBe('{"x": [1, 2, 3]}');
    expect(on('x: 20', ['x=null'])).toBe('{"x": null}');
    expect(on('x: {a: 10}', ['x={a:20}'])).toBe('{"x": {"a": 20}}');
    expect(on('x: {a: 10, b: null}', ['x={b:20}'])).toBe('{"x": {"a": 10, "b": 20}}');
    expect(on('x: {a: 10}', ['+x={b:20}'])).toBe('{"x": {"a": 10, "b": 20}}');
  });
  it('deletes', () => {
    expect(on('x: 20', ['~x'])).toBe('{}');
    expect(on('x: 20', ['~x=20'])).toBe('{}');
    expect(on('x: {y: 10}', ['~x'])).toBe('{}');
    expect(on('x: {y: 10}', ['~x.y'])).toBe('{"x": {}}');
    expect(on('x: {y: 10}', ['~x.y=10'])).toBe('{"x": {}}');
    expect(on('x: [1, 2, 3]', ['~x'])).toBe('{}');
    expect(on('x: [1, 2, 3]', ['~x=[1,2,3]'])).toBe('{}');
    expect(err('x: 20', ['~z']).message).toContain("Could not delete from config. 'z' does not exist.");
    expect(err('x: 20', ['~x=10']).message).toContain("Could not delete from config. The value of 'x' is 20 and not 10.");
  });
  it('rejects a package on a key that is not a config group', () => {
    expect(err('x: 20', ['foo@bar=10']).message).toContain("Override foo@bar=10 looks like a config group override, but config group 'foo' does not exist.");
  });
});

describe('dict overrides of a config group node', () => {
  const dir = confTree({
    'config.yaml': '# @package _global_\ndefaults:\n  - optimizer: nesterov\n\noptimizer: ???\n',
    'missing_default.yaml': '# @package _global_\ndefaults:\n  - optimizer: ???\n',
    'optimizer/adam.yaml': 'type: adam\nlr: 0.1\nbeta: 0.01\n',
    'optimizer/nesterov.yaml': 'type: nesterov\nlr: 0.001\n',
  });
  const run = (name: string, overrides: string[]) => composeIn(dir, name, overrides);
  it('keeps the chosen option when the config sets the group node to ???', () => {
    expect(run('config', []).json).toBe('{"optimizer": {"type": "nesterov", "lr": 0.001}}');
    expect(run('config', ['optimizer=adam']).json).toBe('{"optimizer": {"type": "adam", "lr": 0.1, "beta": 0.01}}');
  });
  it('merges a dict value into the group node instead of choosing an option', () => {
    expect(run('config', ['optimizer={type:nesterov2,lr:1}']).json).toBe('{"optimizer": {"type": "nesterov2", "lr": 1}}');
    expect(run('config', ['+optimizer={foo:10}']).json).toBe('{"optimizer": {"type": "nesterov", "lr": 0.001, "foo": 10}}');
  });
  it('replaces a mandatory group with a dict after deleting the group', () => {
    expect(run('missing_default', ['~optimizer', '+optimizer={type:super,good:true,fast:true}']).json).toBe(
      '{"optimizer": {"type": "super", "good": true, "fast": true}}',
    );
  });
  it('reports the choices in hydra.runtime.choices', () => {
    expect(run('config', []).choices).toEqual({ optimizer: 'nesterov' });
    expect(run('config', ['optimizer=adam']).choices).toEqual({ optimizer: 'adam' });
    const hydraChoices = run('config', []).at('hydra.runtime.choices') as Record<string, unknown>;
    expect(hydraChoices).toMatchObject({ optimizer: 'nesterov', 'hydra/launcher': 'basic', 'hydra/sweeper': 'basic', 'hydra/output': 'default' });
  });
});

describe('load order around the hydra node', () => {
  it("merges the primary config's hydra node after Hydra's own config, wherever _self_ is", () => {
    const files = {
      'config.yaml': 'defaults:\n  - _self_\n  - db: mysql\nhydra:\n  run:\n    dir: mine\n  job:\n    name: custom\n',
      'db/mysql.yaml': 'driver: mysql\n',
    };
    const c = composeFiles(files, 'config');
    expect(c.at('hydra.run.dir')).toBe('mine');
    expect(c.at('hydra.job.name')).toBe('custom');
    expect(c.json).toBe('{"db": {"driver": "mysql"}}');
  });
  it("keeps Hydra's own options ahead of same-named files in the config dir, and finds new options there", () => {
    const files = {
      'config.yaml': '{}\n',
      'hydra/output/default.yaml': '# @package hydra\nrun:\n  dir: shadowed\n',
      'hydra/output/custom.yaml': '# @package hydra\nrun:\n  dir: custom\nsweep:\n  dir: s\n  subdir: x\n',
    };
    expect(composeFiles(files, 'config').at('hydra.run.dir')).not.toBe('shadowed');
    expect(composeFiles(files, 'config', ['hydra/output=custom']).at('hydra.run.dir')).toBe('custom');
  });
  it('lets a config in the defaults list change a hydra value, later configs winning', () => {
    const files = {
      'config.yaml': 'defaults:\n  - extra\n  - _self_\nhydra:\n  job:\n    name: from_primary\n',
      'extra.yaml': 'hydra:\n  job:\n    name: from_extra\n  run:\n    dir: from_extra\n',
    };
    const c = composeFiles(files, 'config');
    expect(c.at('hydra.job.name')).toBe('from_primary');
    expect(c.at('hydra.run.dir')).toBe('from_extra');
  });
});
