/**
 * The resolution engine: typed results, concatenation with Python str(), key walking, relative
 * keys, cycles, missing values, errors that name the key and the file position, memoisation,
 * and the Resolution API used by compose (get, select, selectKey, resolveTree, toPlain).
 */
import { describe, expect, it } from 'vitest';
import {
  ConfigKeyError,
  ConfigTypeError,
  InterpolationCycleError,
  InterpolationError,
  InterpolationKeyError,
  InterpolationSyntaxError,
  InterpolationToMissingValueError,
  MissingMandatoryValueError,
  ResolverError,
  UnsupportedInterpolationTypeError,
} from '../../../src/config/errors.js';
import { Resolution, checkInterpolations, plain } from '../../../src/config/interpolation/resolve.js';
import { DictNode, ValueNode, nodeFromJs } from '../../../src/config/nodes.js';
import { nodeRepr } from '../../../src/config/repr.js';
import { builtinResolvers } from '../../../src/config/resolvers/builtins.js';
import { errorAt, repr, resolution, thrown, value, yaml } from '../helpers.js';

describe('types', () => {
  const cfg = yaml(`
i: 1
f: 1.0
t: true
n: null
s: '10'
d: {x: 1}
l: [1, 2]
big: 123456789012345678901
ri: \${i}
rf: \${f}
rt: \${t}
rn: \${n}
rs: \${s}
rd: \${d}
rl: \${l}
rbig: \${big}
`);
  it.each([
    ['ri', '1'],
    ['rf', '1.0'],
    ['rt', 'True'],
    ['rn', 'None'],
    ['rs', "'10'"],
    ['rd', "{'x': 1}"],
    ['rl', '[1, 2]'],
    ['rbig', '123456789012345678901'],
  ])('keeps the type of a lone interpolation (%s is %s)', (key, expected) => {
    expect(repr(cfg, key)).toBe(expected);
  });
  it('keeps ints beyond 2^53 exact as bigint in plain data', () => {
    expect(value(cfg, 'rbig')).toBe(123456789012345678901n);
  });
});

describe('string concatenation', () => {
  const cfg = yaml(`
t: true
n: null
f: 1.0
small: 1.0e-05
huge: 1.0e+16
d: {a: 1, b: x, c: '\${f}'}
l: [1, 'it''s', null]
s: \${t}/\${n}/\${f}/\${small}/\${huge}
sd: 'd=\${d}'
sl: 'l=\${l}'
`);
  it('prints scalars as Python str() does', () => {
    expect(value(cfg, 's')).toBe('True/None/1.0/1e-05/1e+16');
  });
  it('prints a dict as its Python repr, children unresolved', () => {
    expect(value(cfg, 'sd')).toBe("d={'a': 1, 'b': 'x', 'c': '${f}'}");
  });
  it('prints a list as its Python repr, with Python quoting', () => {
    expect(value(cfg, 'sl')).toBe(`l=[1, "it's", None]`);
  });
});

describe('key paths', () => {
  const cfg = yaml(`
a: {b: {c: 1}}
l: [10, {x: 20}, [30]]
ptr: \${a}
lptr: \${l}
k: b
dotted: b.c
i: 0
r1: \${a.b.c}
r2: \${l[1].x}
r3: \${l.1.x}
r4: \${l[2][0]}
r5: \${ptr.b.c}
r6: \${lptr[0]}
r7: \${a.\${k}.c}
r8: \${a.\${dotted}}
r9: \${[a].b}
`);
  it.each([
    ['r1', '1'],
    ['r2', '20'],
    ['r3', '20'],
    ['r4', '30'],
    ['r5', '1'],
    ['r6', '10'],
    ['r7', '1'],
    ['r8', '1'],
    ['r9', "{'c': 1}"],
  ])('resolves %s to %s', (key, expected) => {
    expect(repr(cfg, key)).toBe(expected);
  });
  it('dereferences intermediate interpolations while walking', () => {
    expect(repr(yaml('a: ${b.c}\nb: ${d}\nd: {c: ok}'), 'a')).toBe("'ok'");
  });
  it('requires an interpolated key segment to be a string', () => {
    const e = errorAt(yaml('a: ${l.${i}}\nl: [1]\ni: 0'), 'a', InterpolationError);
    expect(e.reason).toContain('should return a string');
    expect(e.reason).toContain("<class 'int'>");
  });
  it('does not accept negative or out-of-range list indices', () => {
    errorAt(yaml('a: ${l[-1]}\nl: [1]'), 'a', InterpolationKeyError);
    errorAt(yaml('a: ${l[1]}\nl: [1]'), 'a', InterpolationKeyError);
  });
  it('does not find a YAML int key through a key string (as OmegaConf)', () => {
    errorAt(yaml('a: ${d.1}\nd: {1: one}'), 'a', InterpolationKeyError);
    expect(repr(yaml("a: ${d.1}\nd: {'1': one}"), 'a')).toBe("'one'");
  });
  it('reports a key below a scalar as an interpolation error naming both', () => {
    const e = errorAt(yaml('a: ${b.c}\nb: 1'), 'a', InterpolationError);
    expect(e.reason).toBe('Error trying to access b.c: node `b` is not a container and thus cannot contain `c`');
  });
});

describe('relative keys', () => {
  const cfg = yaml(`
x: top
a:
  x: mid
  sib: \${.x}
  up: \${..x}
  b:
    up2: \${...x}
    uncle: \${..x}
  l: ['\${..x}', '\${.0}']
`);
  it.each([
    ['a.sib', "'mid'"],
    ['a.up', "'top'"],
    ['a.b.up2', "'top'"],
    ['a.b.uncle', "'mid'"],
    ['a.l.0', "'mid'"],
    ['a.l.1', "'mid'"],
  ])('resolves %s to %s', (key, expected) => {
    expect(repr(cfg, key)).toBe(expected);
  });
  it('reports a relative key that goes above the root', () => {
    const e = errorAt(yaml('a: ${..x}'), 'a', InterpolationKeyError);
    expect(e.reason).toBe("ConfigKeyError while resolving interpolation: Error resolving key '..x'");
  });
  it('resolves relative keys of a container reached through an interpolation where it really is', () => {
    const c = yaml("b: {x: 1, y: '${.x}'}\nc: ${b}\nx: 2");
    expect(repr(c, 'c')).toBe("{'x': 1, 'y': 1}");
    expect(repr(c, 'c.y')).toBe('1');
  });
});

describe('cycles', () => {
  it('detects a self reference', () => {
    expect(errorAt(yaml('a: ${a}'), 'a', InterpolationCycleError).reason).toBe('Recursive interpolation detected');
  });
  it('detects a longer cycle', () => {
    errorAt(yaml('a: ${b}\nb: ${c}\nc: x${a}'), 'a', InterpolationCycleError);
  });
  it('detects an interpolation to a parent node, which would contain itself', () => {
    expect(errorAt(yaml("a: {b: '${a}'}"), 'a.b', InterpolationCycleError).reason).toBe('Interpolation to parent node detected');
    errorAt(yaml("l: [[1, '${..0}']]"), 'l.0.1', InterpolationCycleError);
  });
  it('detects a resolver that returns a container holding the node', () => {
    errorAt(yaml("a: ${oc.select:''}"), 'a', InterpolationCycleError);
  });
  it('allows diamonds: two paths to the same value', () => {
    expect(value(yaml('a: ${b}${c}\nb: ${d}\nc: ${d}\nd: x'), 'a')).toBe('xx');
  });
});

describe('missing values', () => {
  it('raises MissingMandatoryValueError when ??? is read', () => {
    const e = errorAt(yaml('a: ???'), 'a', MissingMandatoryValueError);
    expect(e.reason).toBe('Missing mandatory value: a');
  });
  it('raises InterpolationToMissingValueError for an interpolation to ???', () => {
    const e = errorAt(yaml("a: x${b.c}\nb: {c: '???'}"), 'a', InterpolationToMissingValueError);
    expect(e.reason).toBe('MissingMandatoryValue while resolving interpolation: Missing mandatory value: b.c');
  });
  it('raises for a ??? met on the way', () => {
    errorAt(yaml('a: ${b.c}\nb: ???'), 'a', InterpolationToMissingValueError);
  });
  it('keeps ??? when resolving a whole tree', () => {
    expect(nodeRepr(resolution(yaml("a: ???\nb: {c: '???'}")).resolveTree())).toBe("{'a': '???', 'b': {'c': '???'}}");
  });
  it('does not treat ??? returned by a resolver as missing', () => {
    expect(value(yaml('a: ${oc.env:NOPE,???}'), 'a')).toBe('???');
  });
});

describe('errors name the key and where its value came from', () => {
  it('gives the file, line and column of the failing value', () => {
    const cfg = yaml('db:\n  host: localhost\n  url: http://${db.hots}:5432\n', 'db/postgres');
    const e = errorAt(cfg, 'db.url', InterpolationKeyError);
    expect(e.fullKey).toBe('db.url');
    expect(e.message).toBe("Interpolation key 'db.hots' not found\n    full_key: db.url\n    from: db/postgres.yaml:3:8");
    expect(e.hint).toBe("did you mean 'host'?");
  });
  it('names the innermost failing key of a chain', () => {
    const e = errorAt(yaml('a: ${b}\nb: ${nope}'), 'a', InterpolationKeyError);
    expect(e.fullKey).toBe('b');
    expect(e.message).toContain('from: config.yaml:2:4');
  });
  it('formats list indices in full keys', () => {
    expect(errorAt(yaml("l: [1, {x: '${nope}'}]"), 'l.1.x', InterpolationKeyError).fullKey).toBe('l[1].x');
  });
  it('reports an unknown resolver with a suggestion', () => {
    const e = errorAt(yaml('a: ${oc.evn:HOME}'), 'a', UnsupportedInterpolationTypeError);
    expect(e.reason).toBe('Unsupported interpolation type oc.evn');
    expect(e.hint).toBe("did you mean 'oc.env'?");
  });
  it('reports a resolver that throws with the expression, the key and the file', () => {
    const e = errorAt(yaml('db:\n  password: ${oc.env:DB_PASSWORD}\n'), 'db.password', ResolverError);
    expect(e.message).toBe(
      "Resolver 'oc.env' failed in ${oc.env:DB_PASSWORD}: Environment variable 'DB_PASSWORD' not found\n    full_key: db.password\n    from: config.yaml:2:13",
    );
  });
  it('reports bad syntax with a caret under the column', () => {
    const root = new DictNode(new Map([['a', new ValueNode('str', 'x ${b')]]));
    const e = errorAt(root, 'a', InterpolationSyntaxError);
    expect(e.column).toBe(5);
    expect(e.message.split('\n').slice(0, 3)).toEqual(["Invalid interpolation syntax in 'x ${b': expected '}' to close the interpolation at column 6", '    x ${b', '         ^']);
  });
  it('checkInterpolations rejects bad syntax anywhere in a tree, as OmegaConf.create does', () => {
    const root = nodeFromJs({ ok: '${a}', deep: { l: ['fine', '${x..y}'] } });
    const e = thrown(() => checkInterpolations(root), InterpolationSyntaxError);
    expect(e.fullKey).toBe('deep.l[1]');
    expect(() => checkInterpolations(nodeFromJs({ a: '\\${not an interpolation' }))).not.toThrow();
  });
});

describe('the Resolution API', () => {
  const cfg = yaml("a: {b: '${c}'}\nc: 1\nm: ???\nl: [x, y]");
  it('get reads like cfg.a.b: resolved, raising for absent keys and ???', () => {
    const res = resolution(cfg);
    expect(nodeRepr(res.get(['a', 'b']))).toBe('1');
    expect(nodeRepr(res.get(['l', 1]))).toBe("'y'");
    thrown(() => res.get(['nope']), ConfigKeyError);
    thrown(() => res.get(['m']), MissingMandatoryValueError);
    thrown(() => res.get(['c', 'x']), ConfigTypeError);
  });
  it('select returns the located, dereferenced node or undefined', () => {
    const res = resolution(cfg);
    expect(res.select(['a', 'b'])?.node).toEqual(new ValueNode('int', 1, res.select(['c'])?.node.src));
    expect(res.select(['a', 'nope'])).toBeUndefined();
    expect(res.select(['m'])?.node.kind).toBe('value');
  });
  it('selectKey is OmegaConf.select: default for absent keys, ??? and keys below scalars', () => {
    const res = resolution(cfg);
    const five = new ValueNode('int', 5);
    expect(res.selectKey('a.b')).toEqual(expect.objectContaining({ value: 1 }));
    expect(res.selectKey('nope')).toBeUndefined();
    expect(res.selectKey('nope', { default: five })).toBe(five);
    expect(res.selectKey('m', { default: five })).toBe(five);
    expect(res.selectKey('c.x', { default: five })).toBe(five);
    expect(res.selectKey('l[1]')).toEqual(expect.objectContaining({ value: 'y' }));
    thrown(() => res.selectKey('m', { throwOnMissing: true }), MissingMandatoryValueError);
  });
  it('resolveTree returns a resolved copy and leaves the config unchanged', () => {
    const res = resolution(cfg);
    expect(nodeRepr(res.resolveTree(['a']))).toBe("{'b': 1}");
    expect(nodeRepr(cfg.entries.get('a') as DictNode)).toBe("{'b': '${c}'}");
  });
  it('toPlain gives plain JS data', () => {
    const res = resolution(cfg);
    expect(res.toPlain({ node: cfg, path: [], final: false })).toEqual({ a: { b: 1 }, c: 1, m: '???', l: ['x', 'y'] });
    expect(plain(res.resolveTree())).toEqual({ a: { b: 1 }, c: 1, m: '???', l: ['x', 'y'] });
  });
  it('gives every reader of a value the same result within one resolution', () => {
    let n = 0;
    const reg = builtinResolvers.child();
    reg.register('tick', () => ++n);
    const c = yaml('t: ${tick:}\na: ${t}\nb: ${t}');
    const res = new Resolution(c, { resolvers: reg });
    expect(res.toPlain({ node: c, path: [], final: false })).toEqual({ t: 1, a: 1, b: 1 });
    expect(n).toBe(1);
  });
  it('freezes now for the whole resolution', () => {
    const res = new Resolution(yaml('a: ${now:%H:%M:%S}\nb: ${now:%H:%M:%S}'), { resolvers: builtinResolvers, now: new Date(2024, 0, 1, 12, 0, 0) });
    expect(nodeRepr(res.resolveTree())).toBe("{'a': '12:00:00', 'b': '12:00:00'}");
  });
  it('reads the environment it was given, not process.env, for oc.env', () => {
    expect(value(yaml('h: ${oc.env:HOME}'), 'h', { env: { HOME: '/x' } })).toBe('/x');
  });
});

describe('dicts with YAML int keys', () => {
  const cfg = yaml("200: {x: 1, y: '${.x}', z: '${..a}'}\na: 5\nb: ${200.x}");
  it('resolves relative keys inside them', () => {
    expect(repr(cfg, '200.y')).toBe('1');
    expect(repr(cfg, '200.z')).toBe('5');
  });
  it('cannot be reached through an interpolation key, as in OmegaConf', () => {
    errorAt(cfg, 'b', InterpolationKeyError);
  });
  it('can be read through the API by their key text', () => {
    expect(resolution(cfg).select(['200', 'x'])?.node).toEqual(expect.objectContaining({ value: 1 }));
  });
});
