/**
 * The resolver registry: register_new_resolver semantics (an error when a name is taken unless
 * `replace`), namespaced names, and registries that chain to a parent (built-ins at the bottom).
 */
import { describe, expect, it } from 'vitest';
import { builtinResolvers } from '../../../src/config/resolvers/builtins.js';
import { ResolverRegistry } from '../../../src/config/resolvers/registry.js';
import { TydraError } from '../../../src/errors.js';

describe('ResolverRegistry', () => {
  it('registers a resolver under a plain or namespaced name', () => {
    const reg = new ResolverRegistry();
    reg.register('add', (a, b) => Number(a) + Number(b));
    reg.register('my.lib.plus1', (x) => Number(x) + 1);
    reg.register('with-dash', () => 1);
    expect(reg.has('add')).toBe(true);
    expect(reg.get('my.lib.plus1')?.user).toBeTypeOf('function');
    expect(reg.names()).toEqual(['add', 'my.lib.plus1', 'with-dash']);
  });
  it('refuses to register a name twice unless replace is set', () => {
    const reg = new ResolverRegistry();
    reg.register('x', () => 1);
    expect(() => reg.register('x', () => 2)).toThrow("resolver 'x' is already registered");
    reg.register('x', () => 3, { replace: true });
    expect((reg.get('x')?.user as () => number)()).toBe(3);
  });
  it('refuses names the interpolation grammar cannot call', () => {
    const reg = new ResolverRegistry();
    for (const bad of ['', '1abc', 'a..b', 'a b', 'a/b', '.a', 'a.']) expect(() => reg.register(bad, () => 1), bad).toThrow(TydraError);
  });
  it('refuses a resolver that is not a function', () => {
    expect(() => new ResolverRegistry().register('x', 42 as never)).toThrow('must be a function');
  });
  it('remembers whether results are cached', () => {
    const reg = new ResolverRegistry();
    reg.register('c', () => 1, { cache: true });
    reg.register('u', () => 1);
    expect(reg.get('c')?.cache).toBe(true);
    expect(reg.get('u')?.cache).toBe(false);
  });
  it('sees its parent, and a name taken in the parent needs replace', () => {
    const child = builtinResolvers.child();
    expect(child.has('oc.env')).toBe(true);
    expect(() => child.register('oc.env', () => 'mine')).toThrow(TydraError);
    child.register('oc.env', () => 'mine', { replace: true });
    expect(child.get('oc.env')?.user).toBeTypeOf('function');
    expect(builtinResolvers.get('oc.env')?.builtin).toBeTypeOf('function');
  });
  it('removes only its own resolvers', () => {
    const child = builtinResolvers.child();
    child.register('mine', () => 1);
    expect(child.remove('mine')).toBe(true);
    expect(child.remove('oc.env')).toBe(false);
    expect(child.has('oc.env')).toBe(true);
  });
  it('lists the built-ins of OmegaConf 2.3 and Hydra', () => {
    expect(builtinResolvers.names()).toEqual(['hydra', 'now', 'oc.create', 'oc.decode', 'oc.deprecated', 'oc.dict.keys', 'oc.dict.values', 'oc.env', 'oc.select']);
  });
});
