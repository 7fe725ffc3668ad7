/**
 * User resolvers (`registerResolver`, OmegaConf's register_new_resolver): plain resolved
 * arguments, `this` (key, select, env, now), the cache keyed on the arguments' text, and errors
 * that name the key, the file and the expression.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ResolverError } from '../../../src/config/errors.js';
import { Resolution } from '../../../src/config/interpolation/resolve.js';
import { nodeRepr } from '../../../src/config/repr.js';
import { builtinResolvers } from '../../../src/config/resolvers/builtins.js';
import { clearResolver, globalResolvers, hasResolver, registerResolver as registerGlobal } from '../../../src/config/resolvers/global.js';
import type { ResolverContext, ResolverFunction } from '../../../src/config/resolvers/registry.js';
import { splitKey } from '../../../src/config/select.js';
import * as tydra from '../../../src/index.js';
import { thrown, yaml } from '../helpers.js';

function resolveWith(fns: Record<string, ResolverFunction | [ResolverFunction, { cache?: boolean }]>, text: string, key: string, env = {}) {
  const reg = builtinResolvers.child();
  for (const [name, f] of Object.entries(fns)) {
    if (Array.isArray(f)) reg.register(name, f[0], f[1]);
    else reg.register(name, f);
  }
  const res = new Resolution(yaml(text), { resolvers: reg, env, now: new Date(2024, 0, 2, 3, 4, 5) });
  return nodeRepr(res.get(splitKey(key)));
}

describe('arguments', () => {
  it('passes typed, resolved, plain arguments', () => {
    const seen: unknown[] = [];
    const spy: ResolverFunction = (...args) => {
      seen.push(...args);
      return 'ok';
    };
    resolveWith({ spy }, "x: 1.5\nd: {k: '${x}'}\na: \"${spy:1,2.5,true,null,text,'q',[1,${x}],{k: v},${d},123456789012345678901}\"", 'a');
    expect(seen).toEqual([1, 2.5, true, null, 'text', 'q', [1, 1.5], { k: 'v' }, { k: 1.5 }, 123456789012345678901n]);
  });
  it('keeps the result type: numbers, booleans, null, strings, lists and objects', () => {
    expect(resolveWith({ f: () => 3 }, 'a: ${f:}', 'a')).toBe('3');
    expect(resolveWith({ f: () => 2.5 }, 'a: ${f:}', 'a')).toBe('2.5');
    expect(resolveWith({ f: () => null }, 'a: ${f:}', 'a')).toBe('None');
    expect(resolveWith({ f: () => undefined }, 'a: ${f:}', 'a')).toBe('None');
    expect(resolveWith({ f: () => ({ x: [1, 'y'] }) }, 'a: ${f:}', 'a')).toBe("{'x': [1, 'y']}");
    expect(resolveWith({ f: () => 'v' }, 'a: x${f:}', 'a')).toBe("'xv'");
  });
  it('does not resolve interpolations in a result again', () => {
    expect(resolveWith({ f: () => '${b}' }, 'a: ${f:}\nb: 1', 'a')).toBe("'${b}'");
  });
  it('calls namespaced and interpolated resolver names', () => {
    expect(resolveWith({ 'math.double': (x) => Number(x) * 2 }, 'op: double\na: ${math.${op}:4}', 'a')).toBe('8');
  });
});

describe('this: the resolver context', () => {
  it('knows the full key being resolved', () => {
    expect(resolveWith({ whoami(this: ResolverContext) { return this.key; } }, "db:\n  l: [0, '${whoami:}']", 'db.l.1')).toBe("'db.l[1]'");
  });
  it('selects siblings with .key, parents with ..key and absolute keys from the root', () => {
    const sel: ResolverFunction = function (this: ResolverContext, k) {
      return this.select(String(k));
    };
    const text = "x: top\ndb:\n  x: mid\n  port: 5432\n  a: ${sel:.port}\n  b: ${sel:..x}\n  c: ${sel:x}\n  d: ${sel:.nope}";
    expect(resolveWith({ sel }, text, 'db.a')).toBe('5432');
    expect(resolveWith({ sel }, text, 'db.b')).toBe("'top'");
    expect(resolveWith({ sel }, text, 'db.c')).toBe("'top'");
    expect(resolveWith({ sel }, text, 'db.d')).toBe('None');
  });
  it('returns the default given to select for an absent key or ???', () => {
    const sel: ResolverFunction = function (this: ResolverContext, k) {
      return this.select(String(k), 'fallback');
    };
    expect(resolveWith({ sel }, 'm: ???\na: ${sel:m}\nb: ${sel:nope}', 'a')).toBe("'fallback'");
    expect(resolveWith({ sel }, 'm: ???\na: ${sel:m}\nb: ${sel:nope}', 'b')).toBe("'fallback'");
  });
  it('sees the environment and the frozen now of the resolution', () => {
    const f: ResolverFunction = function (this: ResolverContext) {
      return `${this.env.USER}@${this.now.getFullYear()}`;
    };
    expect(resolveWith({ f }, 'a: ${f:}', 'a', { USER: 'ada' })).toBe("'ada@2024'");
  });
});

describe('cache', () => {
  it('caches on the text of the arguments, whitespace around them ignored', () => {
    let n = 0;
    const text = 'a: ${c:0,1}\nb: ${c:0, 1}\nd: ${c:1,0}\ne: ${u:0,1}\nf: ${u:0,1}';
    const fns = { c: [() => ++n, { cache: true }] as [ResolverFunction, { cache: boolean }], u: () => ++n };
    const reg = builtinResolvers.child();
    reg.register('c', fns.c[0], fns.c[1]);
    reg.register('u', fns.u);
    const res = new Resolution(yaml(text), { resolvers: reg });
    expect(nodeRepr(res.resolveTree())).toBe("{'a': 1, 'b': 1, 'd': 2, 'e': 3, 'f': 4}");
  });
  it('caches on the argument text, not the value: ${c:${x}} is cached even if x would change', () => {
    let n = 0;
    expect(resolveWith({ c: [() => ++n, { cache: true }] }, 'x: 1\ny: 2\na: ${c:${x}}\nb: ${c:${x}}\nd: ${c:${y}}', '')).toBe("{'x': 1, 'y': 2, 'a': 1, 'b': 1, 'd': 2}");
  });
  it('starts a new cache for each resolution', () => {
    let n = 0;
    const reg = builtinResolvers.child();
    reg.register('c', () => ++n, { cache: true });
    const cfg = yaml('a: ${c:}');
    expect(nodeRepr(new Resolution(cfg, { resolvers: reg }).get(['a']))).toBe('1');
    expect(nodeRepr(new Resolution(cfg, { resolvers: reg }).get(['a']))).toBe('2');
  });
});

describe('errors', () => {
  it('turns a throwing resolver into a ResolverError naming the key, the file and the expression', () => {
    const reg = builtinResolvers.child();
    reg.register('boom', (x) => {
      throw new RangeError(`bad ${String(x)}`);
    });
    const cfg = yaml('model:\n  lr: ${boom:0.1}\n', 'model/small');
    const e = thrown(() => new Resolution(cfg, { resolvers: reg }).get(['model', 'lr']), ResolverError);
    expect(e.message).toBe("Resolver 'boom' failed in ${boom:0.1}: bad 0.1\n    full_key: model.lr\n    from: model/small.yaml:2:7");
    expect(e.cause).toBeInstanceOf(RangeError);
  });
  it('refuses a resolver that returns a Promise', () => {
    const reg = builtinResolvers.child();
    reg.register('later', async () => 1);
    const e = thrown(() => new Resolution(yaml('a: ${later:}'), { resolvers: reg }).get(['a']), ResolverError);
    expect(e.reason).toContain('returned a Promise; resolvers must be synchronous');
  });
  it('does not wrap interpolation errors raised through this.select', () => {
    const reg = builtinResolvers.child();
    reg.register('sel', function (this: ResolverContext) {
      return this.select('b');
    });
    thrown(() => new Resolution(yaml('a: ${sel:}\nb: ${nope}'), { resolvers: reg }).get(['a']), tydra.InterpolationKeyError);
  });
});

describe('registerResolver (the process-wide registry)', () => {
  afterEach(() => {
    globalResolvers().remove('test.twice');
  });
  it('is what the package exports', () => {
    expect(tydra.registerResolver).toBe(registerGlobal);
  });
  it('registers into the registry compose uses by default, on top of the built-ins', () => {
    tydra.registerResolver('test.twice', (x) => Number(x) * 2);
    const res = new Resolution(yaml('a: ${test.twice:21}\nh: ${oc.env:NOPE,d}'), { resolvers: globalResolvers() });
    expect(nodeRepr(res.resolveTree())).toBe("{'a': 42, 'h': 'd'}");
    expect(() => tydra.registerResolver('test.twice', () => 0)).toThrow("resolver 'test.twice' is already registered");
    tydra.registerResolver('test.twice', () => 0, { replace: true });
  });
  it('reports and removes registered resolvers, leaving the built-ins', () => {
    tydra.registerResolver('test.twice', () => 0);
    expect(hasResolver('test.twice')).toBe(true);
    expect(hasResolver('oc.env')).toBe(true);
    expect(clearResolver('test.twice')).toBe(true);
    expect(clearResolver('test.twice')).toBe(false);
    expect(clearResolver('oc.env')).toBe(false);
    expect(hasResolver('test.twice')).toBe(false);
    expect(hasResolver('oc.env')).toBe(true);
  });
});
