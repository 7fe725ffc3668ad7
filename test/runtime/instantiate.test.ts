/**
 * `instantiate()`: objects from `_target_` configs, as Hydra's `hydra.utils.instantiate` (hydra.cc
 * 1.3: advanced/instantiate_objects/overview) with JavaScript calling conventions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type InstantiateOptions, InstantiationError, instantiate } from '../../src/runtime/instantiate.js';
import { tempDir } from '../helpers/conf-tree.js';
import { instantiateFailure } from './helpers/instantiate-failure.js';

class MLP {
  readonly args: unknown[];
  constructor(...args: unknown[]) {
    this.args = args;
  }
}

/** A plain function that records how it was called. */
function make(this: unknown, ...args: unknown[]) {
  return { made: args, self: this };
}

const registry = { MLP, make, add: (a: number, b: number) => a + b };

const failure = (config: unknown, opts: InstantiateOptions = { registry }) => instantiateFailure(config, opts);

describe('targets', () => {
  it('calls a registered class with new, the options object last', async () => {
    const m = await instantiate<MLP>({ _target_: 'MLP', hidden: 64, act: 'relu' }, { registry });
    expect(m).toBeInstanceOf(MLP);
    expect(m.args).toEqual([{ hidden: 64, act: 'relu' }]);
  });

  it('calls a registered function plainly', async () => {
    expect(await instantiate({ _target_: 'make', x: 1 }, { registry })).toEqual({ made: [{ x: 1 }], self: undefined });
  });

  it('passes _args_ positionally before the options', async () => {
    expect(await instantiate({ _target_: 'make', _args_: [1, 'a'], x: 1 }, { registry })).toMatchObject({ made: [1, 'a', { x: 1 }] });
  });

  it('passes no options object when only _args_ are configured', async () => {
    expect(await instantiate({ _target_: 'add', _args_: [2, 3] }, { registry })).toBe(5);
  });

  // Hydra (test_positional.py unsupported-args-type): `_args_` must be a list.
  it('rejects an _args_ that is not a list, naming the key', async () => {
    const e = await failure({ m: { _target_: 'make', _args_: 'only' } });
    expect(e.message).toBe("Unsupported _args_ type for target 'make' at m: expected a list, got 'only' (string)");
  });

  it('looks targets up in a Map registry', async () => {
    expect(await instantiate({ _target_: 'a.b.Add', _args_: [1, 2] }, { registry: new Map([['a.b.Add', registry.add]]) })).toBe(3);
  });

  it('returns null and containers without targets as they are, building the targets inside', async () => {
    expect(await instantiate(null)).toBeNull();
    const out = await instantiate<{ a: unknown; b: unknown[]; c: string }>({ a: { _target_: 'add', _args_: [1, 1] }, b: [{ _target_: 'add', _args_: [2, 2] }, 'x'], c: 'y' }, { registry });
    expect(out).toEqual({ a: 2, b: [4, 'x'], c: 'y' });
  });

  it('keeps the reserved keys out of the options', async () => {
    const r = await instantiate({ _target_: 'make', _args_: [], _recursive_: true, _convert_: 'all', _partial_: false, x: 1 }, { registry });
    expect(r).toMatchObject({ made: [{ x: 1 }] });
  });
});

describe('call-time arguments', () => {
  it('replaces the configured _args_ with args', async () => {
    expect(await instantiate({ _target_: 'add', _args_: [1, 1] }, { registry, args: [10, 20] })).toBe(30);
  });

  it('merges kwargs over the configured options', async () => {
    expect(await instantiate({ _target_: 'make', a: 1, b: 2 }, { registry, kwargs: { b: 3, c: 4 } })).toMatchObject({ made: [{ a: 1, b: 3, c: 4 }] });
  });

  it('applies args and kwargs to the top-level target only', async () => {
    const r = await instantiate<{ made: unknown[] }>({ _target_: 'make', inner: { _target_: 'make', _args_: [1] } }, { registry, args: [9], kwargs: { k: 1 } });
    expect(r.made).toEqual([9, { inner: { made: [1], self: undefined }, k: 1 }]);
  });
});

describe('_recursive_', () => {
  const config = { _target_: 'make', inner: { _target_: 'add', _args_: [1, 2] }, list: [{ _target_: 'add', _args_: [3, 4] }] };

  it('builds nested targets first by default', async () => {
    expect(await instantiate(config, { registry })).toMatchObject({ made: [{ inner: 3, list: [7] }] });
  });

  it('passes nested configs as they are with _recursive_: false', async () => {
    const r = await instantiate<{ made: unknown[] }>({ ...config, _recursive_: false }, { registry });
    expect(r.made).toEqual([{ inner: { _target_: 'add', _args_: [1, 2] }, list: [{ _target_: 'add', _args_: [3, 4] }] }]);
  });

  it('does not build targets inside _args_ with _recursive_: false', async () => {
    const r = await instantiate<{ made: unknown[] }>({ _target_: 'make', _recursive_: false, _args_: [{ _target_: 'add', _args_: [1, 2] }] }, { registry });
    expect(r.made).toEqual([{ _target_: 'add', _args_: [1, 2] }]);
  });

  it('builds targets inside _args_ by default', async () => {
    expect(await instantiate({ _target_: 'make', _args_: [{ _target_: 'add', _args_: [1, 2] }] }, { registry })).toMatchObject({ made: [3] });
  });

  it('lets a nested config turn recursion back on', async () => {
    const r = await instantiate<{ made: unknown[] }>(
      { _target_: 'make', _recursive_: false, inner: { _target_: 'make', _recursive_: true, x: { _target_: 'add', _args_: [1, 1] } } },
      { registry },
    );
    expect(r.made).toEqual([{ inner: { _target_: 'make', _recursive_: true, x: { _target_: 'add', _args_: [1, 1] } } }]);
  });

  it('lets a nested config turn recursion off', async () => {
    const r = await instantiate<{ made: [{ inner: { made: unknown[] } }] }>(
      { _target_: 'make', inner: { _target_: 'make', _recursive_: false, x: { _target_: 'add', _args_: [1, 1] } } },
      { registry },
    );
    expect(r.made[0].inner.made).toEqual([{ x: { _target_: 'add', _args_: [1, 1] } }]);
  });
});

describe('_partial_', () => {
  it('returns a function that calls the target later', async () => {
    const f = await instantiate<(...a: unknown[]) => MLP>({ _target_: 'MLP', _partial_: true, hidden: 64 }, { registry });
    expect(typeof f).toBe('function');
    const m = f();
    expect(m).toBeInstanceOf(MLP);
    expect(m.args).toEqual([{ hidden: 64 }]);
  });

  it('appends extra arguments after the configured ones, before the options', async () => {
    const f = await instantiate<(...a: unknown[]) => { made: unknown[] }>({ _target_: 'make', _partial_: true, _args_: [1], x: 1 }, { registry });
    expect(f(2, 3).made).toEqual([1, 2, 3, { x: 1 }]);
  });

  it('merges an extra options object into the configured options', async () => {
    const f = await instantiate<(...a: unknown[]) => { made: unknown[] }>({ _target_: 'make', _partial_: true, x: 1, y: 2 }, { registry });
    expect(f('a', { y: 3, z: 4 }).made).toEqual(['a', { x: 1, y: 3, z: 4 }]);
    expect(f().made).toEqual([{ x: 1, y: 2 }]);
  });

  it('builds a fresh object on every call', async () => {
    const f = await instantiate<() => MLP>({ _target_: 'MLP', _partial_: true }, { registry });
    expect(f()).not.toBe(f());
  });
});

describe('_convert_', () => {
  it('accepts Hydra values none, partial, object and all', async () => {
    for (const c of ['none', 'partial', 'object', 'all']) {
      await expect(instantiate({ _target_: 'add', _args_: [1, 1], _convert_: c }, { registry })).resolves.toBe(2);
    }
  });

  it('rejects anything else, naming the key', async () => {
    const e = await failure({ model: { _target_: 'MLP', _convert_: 'deep' } });
    expect(e.message).toBe("_convert_ must be one of none, partial, object, all (got 'deep') at model");
  });
});

describe('errors', () => {
  it('names an unknown target, where it is, and the registered targets', async () => {
    const e = await failure({ model: { encoder: { _target_: 'Transformer' } } });
    expect(e.message).toBe("Cannot instantiate 'Transformer' at model.encoder: it is not in the registry");
    expect(e.hint).toBe('registered targets: MLP, make, add');
    expect(e.target).toBe('Transformer');
    expect(e.key).toBe('model.encoder');
  });

  it('says <root> for a target at the top, and how to pass a registry when there is none', async () => {
    const e = await failure({ _target_: 'MLP' }, {});
    expect(e.message).toBe("Cannot instantiate 'MLP' at <root>: it is not in the registry");
    expect(e.hint).toBe("pass a registry: instantiate(cfg, { registry: { 'MLP': YourClass } })");
  });

  it('does not find inherited properties of a registry object', async () => {
    expect((await failure({ _target_: 'toString' })).message).toContain('not in the registry');
  });

  it('names the index of a target in a list', async () => {
    expect((await failure({ layers: [{ _target_: 'add', _args_: [1, 1] }, { _target_: 'Nope' }] })).key).toBe('layers[1]');
  });

  it('rejects a target that is not callable', async () => {
    const e = await failure({ _target_: 'n' }, { registry: { n: 42 } });
    expect(e.message).toBe("Target 'n' at <root> is not a function or class (it is number)");
  });

  it('wraps an error thrown by a target, naming the target and the key, with the cause', async () => {
    const cause = new RangeError('hidden must be positive');
    const e = await failure(
      { model: { _target_: 'Bad' } },
      {
        registry: {
          Bad: () => {
            throw cause;
          },
        },
      },
    );
    expect(e.message).toBe("Error in call to target 'Bad' at model: hidden must be positive");
    expect(e.target).toBe('Bad');
    expect(e.key).toBe('model');
    expect(e.cause).toBe(cause);
  });

  it('wraps an error of an async target the same way', async () => {
    const cause = new Error('connection refused');
    const e = await failure({ db: { _target_: 'connect' } }, { registry: { connect: async () => Promise.reject(cause) } });
    expect(e.message).toBe("Error in call to target 'connect' at db: connection refused");
    expect(e.cause).toBe(cause);
  });

  it('waits for an async target', async () => {
    expect(await instantiate({ _target_: 'load', _args_: [2] }, { registry: { load: async (n: number) => n * 2 } })).toBe(4);
  });

  it('wraps an error thrown when a partial is called later', async () => {
    const f = await instantiate<() => unknown>(
      { _target_: 'Bad', _partial_: true },
      {
        registry: {
          Bad: () => {
            throw new Error('late');
          },
        },
      },
    );
    expect(() => f()).toThrow(InstantiationError);
  });
});

describe('module targets', () => {
  const dir = tempDir('tydra-instantiate-');
  fs.writeFileSync(path.join(dir, 'models.mjs'), 'export class Net { constructor(o) { this.o = o; } }\nexport const double = (x) => 2 * x;\nexport default function main(o) { return { main: o }; }\n');
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'sub', 'extra.mjs'), 'export const triple = (x) => 3 * x;\n');

  it('refuses to import a module unless imports are allowed', async () => {
    const e = await failure({ _target_: './models.mjs#double' }, { importBase: dir });
    expect(e.message).toBe("Cannot instantiate './models.mjs#double' at <root>: it is not in the registry and module imports are not allowed");
    expect(e.hint).toContain('allowImports: true');
  });

  it('imports ./file.mjs#export relative to importBase when allowed', async () => {
    expect(await instantiate({ _target_: './models.mjs#double', _args_: [21] }, { allowImports: true, importBase: dir })).toBe(42);
    const net = await instantiate<{ o: unknown }>({ _target_: './models.mjs#Net', width: 3 }, { allowImports: true, importBase: dir });
    expect(net.o).toEqual({ width: 3 });
  });

  it('uses the default export when no export is named', async () => {
    expect(await instantiate({ _target_: './models.mjs', x: 1 }, { allowImports: true, importBase: dir })).toEqual({ main: { x: 1 } });
  });

  it('allows only the listed prefixes when allowImports is a list', async () => {
    const opts = { allowImports: ['./sub/'], importBase: dir };
    expect(await instantiate({ _target_: './sub/extra.mjs#triple', _args_: [2] }, opts)).toBe(6);
    expect((await failure({ _target_: './models.mjs#double' }, opts)).message).toContain('module imports are not allowed');
  });

  it('prefers the registry over a module of the same name', async () => {
    expect(await instantiate({ _target_: './models.mjs#double', _args_: [1] }, { registry: { './models.mjs#double': (x: number) => -x }, allowImports: true, importBase: dir })).toBe(-1);
  });

  it('lists the exports of a module that lacks the named one', async () => {
    const e = await failure({ model: { _target_: './models.mjs#Missing' } }, { allowImports: true, importBase: dir });
    expect(e.message).toBe("Module './models.mjs' has no export 'Missing' (target './models.mjs#Missing' at model)");
    expect(e.hint?.replace('exports: ', '').split(', ').sort()).toEqual(['Net', 'default', 'double']);
  });

  it('reports a module that cannot be imported, with the cause', async () => {
    const e = await failure({ _target_: './nope.mjs#x' }, { allowImports: true, importBase: dir });
    expect(e.message).toContain("Cannot import './nope.mjs' for target './nope.mjs#x' at <root>");
    expect(e.cause).toBeInstanceOf(Error);
  });

  it('does not import a plain name even when imports are allowed', async () => {
    const e = await failure({ _target_: 'Transformer' }, { allowImports: true, registry });
    expect(e.message).toBe("Cannot instantiate 'Transformer' at <root>: it is not in the registry");
  });
});

describe('the at option', () => {
  it('names keys from where the config sits in the whole config', async () => {
    const err = await failure({ _target_: 'MLP', act: { _target_: 'Relu' } }, { registry, at: 'model' });
    expect(err.key).toBe('model.act');
    expect(err.message).toContain("Cannot instantiate 'Relu' at model.act");
    const listErr = await failure([{ _target_: 'nope' }], { registry, at: 'layers' });
    expect(listErr.key).toBe('layers[0]');
  });
});
