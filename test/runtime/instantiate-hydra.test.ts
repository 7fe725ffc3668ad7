/**
 * `instantiate()` against Hydra 1.3's own behaviour: the cases of facebookresearch/hydra
 * tests/instantiate/test_instantiate.py and test_positional.py, and the docs page "Instantiating
 * objects with Hydra" (advanced/instantiate_objects/overview), in their JavaScript form.
 *
 * The mapping: Python's keyword arguments are one options object passed last (`AClass(a=1, b=2)`
 * is `new AClass({ a: 1, b: 2 })`), `instantiate(cfg, *args, **kwargs)` is
 * `instantiate(cfg, { args, kwargs })`, a `functools.partial` is a function that merges an extra
 * options object into the configured one, and `_target_` names come from a registry. Hydra test
 * ids are cited as `[test_function:id]`.
 */
import { describe, expect, it } from 'vitest';
import { compose } from '../../src/index.js';
import { type InstantiateOptions, InstantiationError, instantiate } from '../../src/runtime/instantiate.js';
import { confTree } from '../helpers/conf-tree.js';
import { instantiateFailure } from './helpers/instantiate-failure.js';

type Opts = Record<string, unknown>;

/** Hydra's AClass(a, b, c, d="default_value"), with the options object. */
class AClass {
  readonly a: unknown;
  readonly b: unknown;
  readonly c: unknown;
  readonly d: unknown;
  constructor({ a, b, c, d = 'default_value' }: Opts) {
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }
}
class BClass extends AClass {}

/** Hydra's Tree(value, left=None, right=None). */
class Tree {
  readonly value: unknown;
  readonly left: unknown;
  readonly right: unknown;
  constructor({ value, left = null, right = null }: Opts) {
    this.value = value;
    this.left = left;
    this.right = right;
  }
}

/** Hydra's ArgsClass(*args, **kwargs): records exactly how it was called. */
class ArgsClass {
  readonly args: unknown[];
  constructor(...args: unknown[]) {
    this.args = args;
  }
}

/** A value OmegaConf could not hold (Hydra's IllegalType): must be passed through untouched. */
class IllegalType {}

const addValues = ({ a, b }: { a: number; b: number }) => a + b;

const registry = {
  AClass,
  BClass,
  Tree,
  ArgsClass,
  Compose: class Compose {
    constructor(readonly opts: Opts) {}
  },
  Mapping: class Mapping {
    constructor(readonly opts: Opts = {}) {}
  },
  add_values: addValues,
  raise_exception: () => {
    throw new Error('Err message');
  },
};

const failure = (config: unknown, opts: InstantiateOptions = { registry }) => instantiateFailure(config, opts);

describe('targets and options (test_class_instantiate)', () => {
  it('calls a class with the config keys as its options [class]', async () => {
    expect(await instantiate({ _target_: 'AClass', a: 10, b: 20, c: 30, d: 40 }, { registry })).toEqual(new AClass({ a: 10, b: 20, c: 30, d: 40 }));
  });

  it("respects the target's defaults for keys the config does not set [instantiate_respects_default_value]", async () => {
    const r = await instantiate<AClass>({ _target_: 'AClass' }, { registry, kwargs: { a: 10, b: 20, c: 30 } });
    expect(r.d).toBe('default_value');
  });

  it('calls a function and returns its value [call_function_in_module]', async () => {
    expect(await instantiate({ _target_: 'add_values', a: 1, b: 2 }, { registry })).toBe(3);
  });

  it('instantiates every item of a top-level list [list_as_toplevel0, list_as_toplevel2]', async () => {
    expect(await instantiate([], { registry })).toEqual([]);
    const r = await instantiate<AClass[]>(
      [
        { _target_: 'AClass', a: 10, b: 20, c: 30, d: 40 },
        { _target_: 'BClass', a: 50, b: 60, c: 70, d: 80 },
      ],
      { registry },
    );
    expect(r[0]).toBeInstanceOf(AClass);
    expect(r[1]).toBeInstanceOf(BClass);
    expect(r[1]).toMatchObject({ a: 50, d: 80 });
  });

  it('accepts the function or class itself as _target_ in a config built in code [class_in_config_dict]', async () => {
    expect(await instantiate({ _target_: AClass, a: 1 }, {})).toEqual(new AClass({ a: 1 }));
  });

  it('accepts a function as the _target_ kwarg [test_instantiate_with_callable_target_keyword]', async () => {
    expect(await instantiate({}, { kwargs: { _target_: () => 'fn return' } })).toBe('fn return');
  });
});

describe('call-time args and kwargs', () => {
  it('lets kwargs add options and override configured ones [class+override, test_pass_extra_variables]', async () => {
    expect(await instantiate({ _target_: 'AClass', b: 20, c: 30 }, { registry, kwargs: { a: 10, d: 40 } })).toEqual(new AClass({ a: 10, b: 20, c: 30, d: 40 }));
    expect(await instantiate({ _target_: 'AClass', a: 1, b: 20 }, { registry, kwargs: { a: 10 } })).toMatchObject({ a: 10, b: 20 });
  });

  it('passes kwargs that are not plain data through untouched [oc_incompatible_passthrough, passthrough:list]', async () => {
    const x = new IllegalType();
    const r = await instantiate<AClass>({ _target_: 'AClass' }, { registry, kwargs: { a: 10, d: { x: [10, x] } } });
    expect((r.d as { x: unknown[] }).x[1]).toBe(x);
  });

  it('instantiates a _target_ config passed in kwargs [recursive:direct:dict:passthrough]', async () => {
    const r = await instantiate<Tree>({ _target_: 'Tree' }, { registry, kwargs: { value: 1, left: { _target_: 'Tree', value: 2 } } });
    expect(r).toEqual(new Tree({ value: 1, left: new Tree({ value: 2 }) }));
  });

  it('merges a kwargs dict into the configured dict rather than replacing it [recursive:map:dict:passthrough]', async () => {
    const r = await instantiate<{ opts: { dictionary: Record<string, unknown> } }>(
      { _target_: 'Mapping', dictionary: { a: { _target_: 'Mapping' } } },
      { registry, kwargs: { dictionary: { b: { _target_: 'Mapping' } } } },
    );
    expect(Object.keys(r.opts.dictionary)).toEqual(['a', 'b']);
    expect(r.opts.dictionary.b).toBeInstanceOf(registry.Mapping);
  });

  it('overrides _target_ from kwargs, also in a nested config [test_override_target:str:override_same_args, str:recursive_override]', async () => {
    expect(await instantiate({ _target_: 'AClass', a: 10, b: 20 }, { registry, kwargs: { _target_: 'BClass' } })).toBeInstanceOf(BClass);
    const r = await instantiate<AClass>(
      { _target_: 'AClass', a: 10, b: 20, c: { _target_: 'AClass', a: 'aa', b: 'bb', c: 'cc' } },
      { registry, kwargs: { _target_: 'BClass', c: { _target_: 'BClass' } } },
    );
    expect(r).toBeInstanceOf(BClass);
    expect(r.c).toBeInstanceOf(BClass);
    expect(r.c).toMatchObject({ a: 'aa', b: 'bb', c: 'cc' });
  });

  it('passes call-time args instead of the configured _args_ [test_positional:direct_args]', async () => {
    expect((await instantiate<ArgsClass>({ _target_: 'ArgsClass', _args_: [1] }, { registry, args: [2] })).args).toEqual([2]);
  });

  it('keeps the configured _args_ when no call-time args are given [test_positional:kwargs]', async () => {
    expect((await instantiate<ArgsClass>({ _target_: 'ArgsClass', _args_: [1] }, { registry, args: [], kwargs: { foo: 10 } })).args).toEqual([1, { foo: 10 }]);
  });

  it('sets _args_ from kwargs [test_positional:indirect_args, kwargs+indirect_args]', async () => {
    expect((await instantiate<ArgsClass>({ _target_: 'ArgsClass', _args_: [1] }, { registry, kwargs: { _args_: [2] } })).args).toEqual([2]);
    expect((await instantiate<ArgsClass>({ _target_: 'ArgsClass', _args_: [1] }, { registry, kwargs: { foo: 10, _args_: [2] } })).args).toEqual([2, { foo: 10 }]);
  });

  it('sets a nested _args_ from kwargs [test_recursive_instantiate_args_kwargs_with_override:indirect_args]', async () => {
    const r = await instantiate<ArgsClass>(
      { _target_: 'ArgsClass', _args_: [1], child: { _target_: 'ArgsClass', _args_: [2] } },
      { registry, kwargs: { foo: 10, _args_: [3], child: { _args_: [4] } } },
    );
    expect(r.args).toEqual([3, { child: new ArgsClass(4), foo: 10 }]);
  });

  it('does not pass call-time args to nested targets [test_recursive_instantiate_args_kwargs_with_override:direct_args_not_in_nested]', async () => {
    const r = await instantiate<ArgsClass>({ _target_: 'ArgsClass', child: { _target_: 'ArgsClass' } }, { registry, args: [1] });
    expect(r.args).toEqual([1, { child: new ArgsClass() }]);
  });

  it('merges kwargs into a top-level dict without a target too', async () => {
    const r = await instantiate<{ model: AClass }>({ model: { _target_: 'AClass', a: 1 } }, { registry, kwargs: { model: { b: 2 } } });
    expect(r.model).toMatchObject({ a: 1, b: 2 });
  });

  it('does not change the config it was given, nor the kwargs [config fixture: config == cfg_copy]', async () => {
    const config = { _target_: 'Tree', value: 1, left: { _target_: 'Tree', value: 2 }, list: [{ x: 1 }] };
    const kwargs = { right: { _target_: 'Tree', value: 3 } };
    const before = structuredClone(config);
    await instantiate(config, { registry, kwargs });
    await instantiate(config, { registry, kwargs: { _recursive_: false } });
    expect(config).toEqual(before);
    expect(kwargs).toEqual({ right: { _target_: 'Tree', value: 3 } });
  });
});

describe('_args_ (test_positional.py)', () => {
  it('passes _args_ positionally, options last [config:no_params, args_only, args+kwargs, kwargs_only]', async () => {
    expect((await instantiate<ArgsClass>({ _target_: 'ArgsClass' }, { registry })).args).toEqual([]);
    expect((await instantiate<ArgsClass>({ _target_: 'ArgsClass', _args_: [1] }, { registry })).args).toEqual([1]);
    expect((await instantiate<ArgsClass>({ _target_: 'ArgsClass', _args_: [1], foo: 10 }, { registry })).args).toEqual([1, { foo: 10 }]);
    expect((await instantiate<ArgsClass>({ _target_: 'ArgsClass', foo: 10 }, { registry })).args).toEqual([{ foo: 10 }]);
  });

  it('instantiates nested targets with their own _args_ [test_recursive_instantiate_args_kwargs:config:args+kwargs]', async () => {
    const r = await instantiate<ArgsClass>({ _target_: 'ArgsClass', _args_: [1], foo: 10, child: { _target_: 'ArgsClass', _args_: [2] } }, { registry });
    expect(r.args).toEqual([1, { foo: 10, child: new ArgsClass(2) }]);
  });

  it('rejects an _args_ that is not a list, with the key path [unsupported-args-type, unsupported-args-type-nested]', async () => {
    const top = await failure({ _target_: 'ArgsClass', _args_: { foo: 'bar' } });
    expect(top.message).toBe(`Unsupported _args_ type for target 'ArgsClass' at <root>: expected a list, got {"foo":"bar"} (object)`);
    const nested = await failure({ foo: { _target_: 'ArgsClass', _args_: { foo: 'bar' } } });
    expect(nested.key).toBe('foo');
    expect(nested.message).toContain('at foo:');
  });
});

describe('_recursive_ (test_recursive_instantiation, test_recursive_override)', () => {
  const tree = { _target_: 'Tree', value: 1, left: { _target_: 'Tree', value: 21 } };
  const leftConfig = { _target_: 'Tree', value: 21 };

  it('instantiates nested targets in dicts, lists and maps by default [recursive:direct:dict, recursive:list:dict, recursive:map:dict]', async () => {
    expect(await instantiate(tree, { registry })).toEqual(new Tree({ value: 1, left: new Tree({ value: 21 }) }));
    const c = await instantiate<{ opts: { transforms: unknown[] } }>({ _target_: 'Compose', transforms: [{ _target_: 'Tree', value: 1 }, { _target_: 'AClass', a: 2 }] }, { registry });
    expect(c.opts.transforms[0]).toBeInstanceOf(Tree);
    expect(c.opts.transforms[1]).toBeInstanceOf(AClass);
    const m = await instantiate<{ opts: { dictionary: Record<string, unknown> } }>({ _target_: 'Mapping', dictionary: { a: { _target_: 'Mapping' }, b: { _target_: 'Mapping' } } }, { registry });
    expect(m.opts.dictionary.a).toBeInstanceOf(registry.Mapping);
    expect(m.opts.dictionary.b).toBeInstanceOf(registry.Mapping);
  });

  it('three levels deep [3_levels:default]', async () => {
    const r = await instantiate<Tree>({ _target_: 'Tree', value: 1, left: { _target_: 'Tree', value: 2, left: { _target_: 'Tree', value: 3 } } }, { registry });
    expect(r).toEqual(new Tree({ value: 1, left: new Tree({ value: 2, left: new Tree({ value: 3 }) }) }));
  });

  it('the config value and the call-time value combine as in Hydra [cfg:true,override:true / true,false / false,true / false,false]', async () => {
    const built = new Tree({ value: 1, left: new Tree({ value: 21 }) });
    const raw = new Tree({ value: 1, left: leftConfig });
    expect(await instantiate({ ...tree, _recursive_: true }, { registry, kwargs: { _recursive_: true } })).toEqual(built);
    expect(await instantiate({ ...tree, _recursive_: true }, { registry, kwargs: { _recursive_: false } })).toEqual(raw);
    expect(await instantiate({ ...tree, _recursive_: false }, { registry, kwargs: { _recursive_: true } })).toEqual(built);
    expect(await instantiate({ ...tree, _recursive_: false }, { registry, kwargs: { _recursive_: false } })).toEqual(raw);
  });

  it('a nested _recursive_: false stops below that target only [3_levels:cfg1=false, 3_levels:cfg2=false]', async () => {
    const inner = { _target_: 'Tree', value: 3 };
    expect(await instantiate({ _target_: 'Tree', _recursive_: false, value: 1, left: { _target_: 'Tree', value: 2, left: inner } }, { registry })).toEqual(
      new Tree({ value: 1, left: { _target_: 'Tree', value: 2, left: inner } }),
    );
    expect(await instantiate({ _target_: 'Tree', value: 1, left: { _target_: 'Tree', _recursive_: false, value: 2, left: inner } }, { registry })).toEqual(
      new Tree({ value: 1, left: new Tree({ value: 2, left: inner }) }),
    );
  });

  it('applies _recursive_ inside _args_ too', async () => {
    const r = await instantiate<ArgsClass>({ _target_: 'ArgsClass', _args_: [{ _target_: 'ArgsClass' }] }, { registry, kwargs: { _recursive_: false } });
    expect(r.args).toEqual([{ _target_: 'ArgsClass' }]);
  });

  it('with _recursive_: false on a top-level container, still builds the targets in it but not below them', async () => {
    const r = await instantiate<{ a: { m: Tree } }>({ a: { m: tree } }, { registry, kwargs: { _recursive_: false } });
    expect(r).toEqual({ a: { m: new Tree({ value: 1, left: leftConfig }) } });
    const l = await instantiate<Tree[]>([tree], { registry, kwargs: { _recursive_: false } });
    expect(l).toEqual([new Tree({ value: 1, left: leftConfig })]);
  });

  it('gives a non-recursive target a copy of its nested config, so changing it leaves the config alone', async () => {
    const config = { _target_: 'mutate', _recursive_: false, inner: { x: 1 } };
    await instantiate(config, {
      registry: {
        mutate: (o: { inner: { x: number } }) => {
          o.inner.x = 2;
        },
      },
    });
    expect(config.inner.x).toBe(1);
  });

  it('takes the flags off a top-level dict without a target', async () => {
    expect(await instantiate({ a: 1, _recursive_: true, _convert_: 'all', _partial_: false }, { registry })).toEqual({ a: 1 });
  });

  it('requires a boolean, naming the key (Hydra: "_recursive_ flag must be a bool")', async () => {
    const e = await failure({ m: { _target_: 'Tree', _recursive_: 'false' } });
    expect(e.message).toBe("_recursive_ must be a boolean, got 'false' (string) at m");
  });
});

describe('_partial_ (test_partial_instantiate)', () => {
  it('returns a function that calls the target later [class+partial]', async () => {
    const f = await instantiate<(o?: Opts) => AClass>({ _target_: 'AClass', _partial_: true, a: 10, b: 20, c: 30 }, { registry });
    expect(typeof f).toBe('function');
    expect(f({ d: 40 })).toEqual(new AClass({ a: 10, b: 20, c: 30, d: 40 }));
    expect(f().d).toBe('default_value');
  });

  it('_partial_ can be passed at call time [class+override+partial1, passthrough+partial]', async () => {
    const f = await instantiate<(o?: Opts) => AClass>({ _target_: 'AClass', b: 20, c: 30 }, { registry, kwargs: { a: 10, _partial_: true } });
    expect(typeof f).toBe('function');
    expect(f({ c: 31 })).toEqual(new AClass({ a: 10, b: 20, c: 31 }));
  });

  it('merges call-time kwargs into the partial [class+override+partial2, test_pass_extra_variables:partial]', async () => {
    const f = await instantiate<() => AClass>({ _target_: 'AClass', _partial_: true, c: 30 }, { registry, kwargs: { a: 10, d: 40 } });
    expect(f()).toEqual(new AClass({ a: 10, c: 30, d: 40 }));
  });

  it('a partial with configured _args_ gets more positional arguments when called', async () => {
    const f = await instantiate<(...a: unknown[]) => ArgsClass>({ _target_: 'ArgsClass', _partial_: true, _args_: [1] }, { registry, args: [0] });
    expect(f(2, { k: 1 }).args).toEqual([0, 2, { k: 1 }]);
  });

  it('nested partials become functions, their siblings objects [Tree(left=partial(Tree), right=Tree(3))]', async () => {
    const r = await instantiate<Tree>({ _target_: 'Tree' }, { registry, kwargs: { value: 1, left: { _target_: 'Tree', _partial_: true }, right: { _target_: 'Tree', value: 3 } } });
    expect(typeof r.left).toBe('function');
    expect((r.left as (o: Opts) => Tree)({ value: 2 })).toEqual(new Tree({ value: 2 }));
    expect(r.right).toEqual(new Tree({ value: 3 }));
  });

  it('a partial whose options hold built objects and partials [partial(Tree, value=1, left=Tree(21), right=Tree(22, left=partial(Tree, 42)))]', async () => {
    const f = await instantiate<() => Tree>(
      { _target_: 'Tree', _partial_: true, value: 1, left: { _target_: 'Tree', value: 21 }, right: { _target_: 'Tree', value: 22, left: { _target_: 'Tree', _partial_: true, value: 42 } } },
      { registry },
    );
    const t = f();
    expect(t.left).toEqual(new Tree({ value: 21 }));
    const right = t.right as Tree;
    expect((right.left as () => Tree)()).toEqual(new Tree({ value: 42 }));
  });

  it('partials inside a list [list_of_partial_class, recursive:list:dict]', async () => {
    const r = await instantiate<[() => AClass, BClass]>(
      [
        { _target_: 'AClass', _partial_: true, a: 10 },
        { _target_: 'BClass', a: 50 },
      ],
      { registry },
    );
    expect(r[0]()).toEqual(new AClass({ a: 10 }));
    expect(r[1]).toBeInstanceOf(BClass);
    const c = await instantiate<{ opts: { transforms: unknown[] } }>({ _target_: 'Compose', transforms: [{ _target_: 'Tree', _partial_: true }, { _target_: 'Tree', value: 45 }] }, { registry });
    expect(typeof c.opts.transforms[0]).toBe('function');
    expect(c.opts.transforms[1]).toEqual(new Tree({ value: 45 }));
  });

  it('partials in a map, merged from kwargs [partial(Mapping, dictionary={a: partial, b: partial})]', async () => {
    const f = await instantiate<() => { opts: { dictionary: Record<string, unknown> } }>(
      { _target_: 'Mapping', _partial_: true, dictionary: { a: { _target_: 'Mapping', _partial_: true } } },
      { registry, kwargs: { dictionary: { b: { _target_: 'Mapping', _partial_: true } } } },
    );
    const d = f().opts.dictionary;
    expect(typeof d.a).toBe('function');
    expect(typeof d.b).toBe('function');
  });

  it('leaves ??? values out of a partial, to be passed later [test_partial_with_missing]', async () => {
    const f = await instantiate<(o?: Opts) => AClass>({ _target_: 'AClass', _partial_: true, a: '???', b: 20, c: 30 }, { registry });
    expect(f({ a: 10 })).toEqual(new AClass({ a: 10, b: 20, c: 30 }));
    const g = await instantiate<() => ArgsClass>({ _target_: 'ArgsClass', _partial_: true, a: '???', b: 20 }, { registry });
    expect(g().args).toEqual([{ b: 20 }]);
  });

  it('rejects _partial_ for a top-level list [test_toplevel_list_partial_not_allowed]', async () => {
    const e = await failure([{ _target_: 'AClass', a: 10 }], { registry, kwargs: { _partial_: true } });
    expect(e.message).toBe('The _partial_ keyword is not compatible with top-level list instantiation');
  });

  it('requires a boolean, naming the key (Hydra: "_partial_ flag must be a bool")', async () => {
    const e = await failure({ m: { _target_: 'Tree', _partial_: 'yes' } });
    expect(e.message).toBe("_partial_ must be a boolean, got 'yes' (string) at m");
  });

  it('passes a fresh options object to each call, so one call cannot change the next', async () => {
    const f = await instantiate<() => Opts>(
      { _target_: 'take', _partial_: true, x: 1 },
      {
        registry: {
          take: (o: Opts) => {
            const seen = { ...o };
            o.x = 99;
            return seen;
          },
        },
      },
    );
    f();
    expect(f()).toEqual({ x: 1 });
  });
});

describe('_convert_ (test_convert_params, test_instantiated_regular_class_container_types)', () => {
  // Hydra passes DictConfig/ListConfig with `none` and dict/list with partial/object/all; tydra's
  // config values are plain JS data already, so every mode gives plain objects and arrays.
  const isPlain = (v: unknown) => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

  for (const mode of ['none', 'partial', 'object', 'all']) {
    it(`gives plain objects and arrays with _convert_: ${mode}, in the config or at call time, nested too`, async () => {
      const cfg = { _target_: 'AClass', a: {}, b: [], c: { _target_: 'AClass', a: { foo: 1 }, b: [1] }, d: [{ _target_: 'AClass', a: {}, b: [] }] };
      for (const r of [await instantiate<AClass>({ ...cfg, _convert_: mode }, { registry }), await instantiate<AClass>(cfg, { registry, kwargs: { _convert_: mode } })]) {
        expect(isPlain(r.a)).toBe(true);
        expect(Array.isArray(r.b)).toBe(true);
        expect(isPlain((r.c as AClass).a)).toBe(true);
        expect(Array.isArray((r.c as AClass).b)).toBe(true);
        expect(isPlain((r.d as AClass[])[0]?.a)).toBe(true);
      }
    });
  }

  it('accepts a nested _convert_ passed through kwargs [test_convert_params: kwargs {a: {_convert_: mode}}]', async () => {
    const r = await instantiate<AClass>({ _target_: 'AClass', a: { _target_: 'AClass', a: { foo: 99 }, b: [1, 99] }, b: null }, { registry, kwargs: { a: { _convert_: 'partial' } } });
    expect(r.a).toEqual(new AClass({ a: { foo: 99 }, b: [1, 99] }));
  });

  it('combines a nested _convert_ with _recursive_ [test_convert_and_recursive_node]', async () => {
    for (const rec of [true, false]) {
      const r = await instantiate<AClass>({ _target_: 'AClass', a: { _target_: 'AClass', _convert_: 'all', _recursive_: rec, a: {}, b: [] }, b: null }, { registry });
      expect(isPlain((r.a as AClass).a)).toBe(true);
      expect(Array.isArray((r.a as AClass).b)).toBe(true);
    }
  });

  it('compares modes case-insensitively, as ConvertMode does [test_convert_mode_equality: PARTIAL == "Partial"]', async () => {
    expect(await instantiate({ _target_: 'add_values', a: 1, b: 1, _convert_: 'Partial' }, { registry })).toBe(2);
    expect(await instantiate({ _target_: 'add_values', a: 1, b: 1 }, { registry, kwargs: { _convert_: 'ALL' } })).toBe(2);
  });

  it('rejects an unknown mode, naming the key', async () => {
    expect((await failure({ _target_: 'Tree' }, { registry, kwargs: { _convert_: 'deep' } })).message).toBe("_convert_ must be one of none, partial, object, all (got 'deep') at <root>");
  });
});

describe('interpolations (test_interpolation_accessing_parent)', () => {
  const dir = confTree({
    'config.yaml': [
      'value: 99',
      'node:',
      '  _target_: AClass',
      '  a: ${value}',
      '  b: 20',
      'partial_node:',
      '  _target_: AClass',
      '  _partial_: true',
      '  a: ${value}',
      'A:',
      '  _target_: add_values',
      '  a: 1',
      '  b: 2',
      'sum:',
      '  _target_: add_values',
      '  a: ${A}',
      '  b: 3',
      'copy:',
      '  _target_: AClass',
      '  b: 200',
      '  c: ${.b}',
      '',
    ].join('\n'),
  });

  it('resolves interpolations into the parent config before instantiating [interpolation_into_parent, interpolation_into_parent_partial]', async () => {
    const cfg = await compose({ configDir: dir, configName: 'config' });
    expect(await instantiate(cfg.node, { registry })).toEqual(new AClass({ a: 99, b: 20 }));
    expect((await instantiate<() => AClass>(cfg.partial_node, { registry }))()).toEqual(new AClass({ a: 99 }));
  });

  it('instantiates a target config that an interpolation copied in [interpolation_from_recursive]', async () => {
    const cfg = await compose({ configDir: dir, configName: 'config' });
    expect(await instantiate(cfg.sum, { registry })).toBe(6);
  });

  it('a call-time kwarg does not re-resolve an interpolation of the composed config [differs from class+override+interpolation]', async () => {
    // Hydra merges kwargs into the unresolved config, so `c: ${b}` follows an overridden `b`.
    // tydra's composed config is resolved data: `c` keeps the value `b` had when composed.
    const cfg = await compose({ configDir: dir, configName: 'config' });
    expect(await instantiate(cfg.copy, { registry, kwargs: { a: 10, b: 99 } })).toEqual(new AClass({ a: 10, b: 99, c: 200 }));
  });
});

describe('missing and null values (test_none_cases, test_instantiate_with_missing)', () => {
  it('instantiating null gives null', async () => {
    expect(await instantiate(null, { registry })).toBeNull();
  });

  it('passes null options and null items through', async () => {
    const r = await instantiate<ArgsClass>({ _target_: 'ArgsClass', none_dict: null, dict: { field: 10, none_list: null }, list: [10, null] }, { registry });
    expect(r.args).toEqual([{ none_dict: null, dict: { field: 10, none_list: null }, list: [10, null] }]);
  });

  it('instantiates inside a dict or list without a target, keeping everything else', async () => {
    const r = await instantiate({ a: { _target_: 'add_values', a: 1, b: 2 }, b: [{ x: { _target_: 'add_values', a: 2, b: 2 } }, 'y'], c: { d: 1 } }, { registry });
    expect(r).toEqual({ a: 3, b: [{ x: 4 }, 'y'], c: { d: 1 } });
  });

  it('rejects a ??? value of a target that is not partial, with its key path [Missing mandatory value: a]', async () => {
    const e = await failure({ model: { _target_: 'AClass', a: '???', b: 20 } });
    expect(e.message).toBe('Missing mandatory value: model.a');
    expect(e.key).toBe('model.a');
    expect(e.target).toBe('AClass');
  });

  it('rejects a missing _target_ [test_instantiate_bad_adam_conf]', async () => {
    expect((await failure({ opt: { _target_: '???', lr: 1 } })).message).toBe('Config has missing value for key _target_ at opt, cannot instantiate');
  });

  it('rejects a config that is a scalar (Hydra: "Top level config has to be ... dict/list")', async () => {
    expect((await failure(5)).message).toContain('Cannot instantiate 5 (number)');
    expect((await failure(undefined)).message).toContain('Cannot instantiate undefined');
    expect((await failure(AClass)).message).toContain("Cannot instantiate function 'AClass'");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect((await failure({ _target_: cyclic })).message).toBe('Expected a callable target, got an unprintable object at <root>');
  });
});

describe('errors (test_cannot_locate_target, test_instantiate_target_raising_exception_*)', () => {
  it('names a target that cannot be found and its key path [test_cannot_locate_target: full_key: foo]', async () => {
    const e = await failure({ foo: { _target_: 'not_found' } });
    expect(e.message).toBe("Cannot instantiate 'not_found' at foo: it is not in the registry");
    expect(e.target).toBe('not_found');
    expect(e.key).toBe('foo');
  });

  it('suggests a registered name close to the one written', async () => {
    const e = await failure({ foo: { bar: [{ _target_: 'Aclas' }] } });
    expect(e.key).toBe('foo.bar[0]');
    expect(e.hint).toMatch(/^did you mean 'AClass'\? registered targets: AClass, /);
  });

  it('names a module path that imports do not allow', async () => {
    const e = await failure({ m: { _target_: './models.js#MLP' } });
    expect(e.message).toBe("Cannot instantiate './models.js#MLP' at m: it is not in the registry and module imports are not allowed");
  });

  it('rejects a _target_ that is neither a name nor a function [instantiate-from-dataclass-in-dict-fails: "Expected a callable target"]', async () => {
    expect((await failure({ _target_: 42 })).message).toBe('Expected a callable target, got 42 (number) at <root>');
    expect((await failure({ foo: { _target_: { name: 'AClass' } } })).message).toBe('Expected a callable target, got {"name":"AClass"} (object) at foo');
    expect((await failure({ foo: { _target_: null } })).message).toBe('Expected a callable target, got null at foo');
  });

  it('wraps an error thrown by the target, naming it, with the key path and the cause [test_instantiate_target_raising_exception_taking_no_arguments(_nested)]', async () => {
    const top = await failure({}, { registry, kwargs: { _target_: 'raise_exception' } });
    expect(top.message).toBe("Error in call to target 'raise_exception' at <root>: Err message");
    const nested = await failure({ foo: { _target_: 'raise_exception' } });
    expect(nested.message).toBe("Error in call to target 'raise_exception' at foo: Err message");
    expect((nested.cause as Error).message).toBe('Err message');
  });

  it('wraps an error of a target that cannot be called without options [test_instantiate_adam], and works once they are given', async () => {
    const Adam = class Adam {
      constructor(readonly o: { params: number[] }) {
        if (!o?.params) throw new TypeError("missing required argument 'params'");
      }
    };
    expect((await failure({ _target_: 'Adam' }, { registry: { Adam } })).message).toBe("Error in call to target 'Adam' at <root>: missing required argument 'params'");
    expect(await instantiate({ _target_: 'Adam' }, { registry: { Adam }, kwargs: { params: [1, 2, 3] } })).toEqual(new Adam({ params: [1, 2, 3] }));
  });

  it('rejects kwargs for a top-level list, which Hydra silently ignores', async () => {
    expect((await failure([], { registry, kwargs: { a: 1 } })).message).toBe('Cannot pass kwargs (a) to a top-level list config');
  });
});

describe('keys with underscores (keywords_in_params)', () => {
  it('passes keys named like the special ones without underscores as options [keywords_in_params]', async () => {
    expect((await instantiate<ArgsClass>({ _target_: 'ArgsClass' }, { registry, kwargs: { target: 'foo', partial: 'bar' } })).args).toEqual([{ target: 'foo', partial: 'bar' }]);
  });

  it('passes other keys that begin with _ as options, as Hydra does', async () => {
    expect((await instantiate<ArgsClass>({ _target_: 'ArgsClass', _foo_: 1, _bar: 2 }, { registry })).args).toEqual([{ _foo_: 1, _bar: 2 }]);
  });

  it('keeps the special keys of a nested dict without a target, as Hydra does', async () => {
    expect(await instantiate({ a: { _convert_: 'all', _recursive_: true, x: 1 } }, { registry })).toEqual({ a: { _convert_: 'all', _recursive_: true, x: 1 } });
  });
});
