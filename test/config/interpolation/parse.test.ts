/**
 * The interpolation parser as a specification of OmegaConf 2.3's grammar: what is literal text,
 * what is an interpolation, how keys split, how resolver arguments are typed and unescaped, and
 * where syntax errors point. (The differential tests cover the same ground end to end.)
 */
import { describe, expect, it } from 'vitest';
import type { Arg, Interpolation, TextPart } from '../../../src/config/interpolation/ast.js';
import { GrammarError, hasInterpolation, parseElement, parseFloatText, parseIntText, parseText } from '../../../src/config/interpolation/parse.js';
import { scalarRepr } from '../../../src/python/str.js';

/** A readable picture of an argument: typed scalars as Python repr, the rest tagged. */
function arg(a: Arg): string {
  switch (a.kind) {
    case 'scalar':
      return scalarRepr(a.type, a.value);
    case 'interp':
      return interp(a.interp);
    case 'concat':
      return `concat(${a.parts.map(part).join(' + ')})`;
    case 'quoted':
      return `quoted(${a.parts.map(part).join(' + ')})`;
    case 'list':
      return `[${a.items.map(arg).join(', ')}]`;
    case 'dict':
      return `{${a.entries.map(([k, v]) => `${arg(k)}: ${arg(v)}`).join(', ')}}`;
  }
}

function part(p: TextPart): string {
  return typeof p === 'string' ? JSON.stringify(p) : interp(p);
}

function keyPart(k: string | Interpolation): string {
  return typeof k === 'string' ? k : interp(k);
}

function interp(i: Interpolation): string {
  if (i.kind === 'node') {
    const segs = i.segments.map((s, n) => (s.bracket ? `[${keyPart(s.key)}]` : n === 0 ? keyPart(s.key) : `.${keyPart(s.key)}`)).join('');
    return `node(${'.'.repeat(i.dots)}${segs})`;
  }
  return `call(${i.name.map(keyPart).join('.')}: ${i.args.map(arg).join(', ')})`;
}

function parts(text: string): string[] {
  return parseText(text).parts.map(part);
}

function args(text: string): string[] {
  const single = parseText(text).single;
  if (!single || single.kind !== 'resolver') throw new Error(`${text} is not a single resolver call`);
  return single.args.map(arg);
}

function columnOf(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GrammarError);
    return (e as GrammarError).column;
  }
  throw new Error('expected a GrammarError');
}

describe('top-level text', () => {
  it('is one literal part when there is no interpolation', () => {
    expect(parts('plain text')).toEqual(['"plain text"']);
    expect(parseText('plain').single).toBeUndefined();
  });
  it('marks a string that is exactly one interpolation as single', () => {
    expect(parseText('${a}').single?.kind).toBe('node');
    expect(parseText(' ${a}').single).toBeUndefined();
    expect(parseText('${a}${b}').single).toBeUndefined();
  });
  it('splits text and interpolations in order', () => {
    expect(parts('http://${host}:${port}/x')).toEqual(['"http://"', 'node(host)', '":"', 'node(port)', '"/x"']);
  });
  it('reads \\${ as a literal ${', () => {
    expect(parts('\\${a}')).toEqual(['"${a}"']);
  });
  it('reads \\\\${ as one backslash followed by an interpolation', () => {
    expect(parts('\\\\${a}')).toEqual(['"\\\\"', 'node(a)']);
  });
  it('halves a run of backslashes before ${ and escapes ${ when the run is odd', () => {
    expect(parts('\\\\\\${a}')).toEqual(['"\\\\${a}"']);
    expect(parts('\\\\\\\\${a}')).toEqual(['"\\\\\\\\"', 'node(a)']);
  });
  it('keeps backslashes that are not before ${', () => {
    expect(parts('C:\\\\dir\\x ${a}')).toEqual(['"C:\\\\\\\\dir\\\\x "', 'node(a)']);
    expect(parts('${a}\\')).toEqual(['node(a)', '"\\\\"']);
  });
  it('treats $, {, }, quotes and colons at top level as text', () => {
    expect(parts('$${a}}{\'":')).toEqual(['"$"', 'node(a)', '"}{\'\\":"']);
  });
  it('reports hasInterpolation for any ${', () => {
    expect(hasInterpolation('a${b')).toBe(true);
    expect(hasInterpolation('$ {b}')).toBe(false);
  });
  it('caches parses of the same text', () => {
    expect(parseText('${cached.key}')).toBe(parseText('${cached.key}'));
  });
});

describe('node interpolations', () => {
  it('splits dotted keys', () => {
    const i = parseText('${a.b.c}').single;
    expect(i?.kind === 'node' && i.path).toEqual(['a', 'b', 'c']);
  });
  it('counts leading dots of relative keys', () => {
    for (const [text, dots] of [
      ['${.a}', 1],
      ['${..a}', 2],
      ['${...a.b}', 3],
    ] as const) {
      const i = parseText(text).single;
      expect(i?.kind === 'node' && i.dots).toBe(dots);
    }
  });
  it('reads bracketed keys and remembers how they were written', () => {
    const i = parseText('${a[0].b[c]}').single;
    if (i?.kind !== 'node') throw new Error('not a node interpolation');
    expect(i.path).toEqual(['a', '0', 'b', 'c']);
    expect(i.keyText).toBe('a[0].b[c]');
    expect(i.segments.map((s) => s.bracket)).toEqual([false, true, false, true]);
  });
  it('allows a key that starts with brackets, also after dots', () => {
    expect(parts('${[a].b}')).toEqual(['node([a].b)']);
    expect(parts('${..[a]}')).toEqual(['node(..[a])']);
  });
  it('ignores whitespace inside the braces', () => {
    expect(parts('${ a.b }')).toEqual(['node(a.b)']);
    expect(parts('${\ta\t}')).toEqual(['node(a)']);
  });
  it('accepts any character but \\{}()[]:. space tab and quotes in a key', () => {
    expect(parts('${a-b/c@d+e$f?g|h%i*j=k!l,m;n}')).toEqual(['node(a-b/c@d+e$f?g|h%i*j=k!l,m;n)']);
    expect(parts('${1a.2}')).toEqual(['node(1a.2)']);
    expect(parts('${café}')).toEqual(['node(café)']);
  });
  it('parses nested interpolations as key segments', () => {
    expect(parts('${a.${b}}')).toEqual(['node(a.node(b))']);
    expect(parts('${${a}.b}')).toEqual(['node(node(a).b)']);
    expect(parts('${a[${b.c}]}')).toEqual(['node(a[node(b.c)])']);
    const i = parseText('${a.${b}}').single;
    expect(i?.kind === 'node' && i.path).toBeUndefined();
  });
  it.each([
    ['${a', 3],
    ['${}', 2],
    ['${.}', 3],
    ['${..}', 4],
    ['${a..b}', 4],
    ['${a.}', 4],
    ['${ a b }', 5],
    ['${a . b}', 4],
    ['${a[}', 4],
    ['${a[]}', 4],
    ['${a[b}', 5],
    ['${a_${b}}', 5],
    ["${a'b}", 3],
    ['${a(b)}', 3],
    ['${a\\b}', 3],
    ['x ${a} ${b', 10],
  ])('rejects %j at column %i', (text, column) => {
    expect(columnOf(() => parseText(text))).toBe(column);
  });
});

describe('resolver calls', () => {
  it('reads a dotted resolver name', () => {
    expect(parts('${oc.env:HOME}')).toEqual(["call(oc.env: 'HOME')"]);
  });
  it('allows whitespace around the name and the colon', () => {
    expect(parts('${ f : 1 }')).toEqual(['call(f: 1)']);
  });
  it('allows dashes in resolver names (OmegaConf 2.3, #880)', () => {
    expect(parts('${my-fn:1}')).toEqual(['call(my-fn: 1)']);
  });
  it('allows interpolated name segments', () => {
    expect(parts('${ns.${f}:3}')).toEqual(['call(ns.node(f): 3)']);
    expect(parts('${${f}:3}')).toEqual(['call(node(f): 3)']);
  });
  it('is a node interpolation when the name is not an identifier', () => {
    expect(columnOf(() => parseText('${a/b:c}'))).toBe(5);
    expect(columnOf(() => parseText('${1:c}'))).toBe(3);
  });
  it('records each argument as written, without surrounding whitespace (the cache key)', () => {
    const i = parseText("${f: a b , 'q' ,[1, 2],, ${x} }").single;
    expect(i?.kind === 'resolver' && i.argTexts).toEqual(['a b', "'q'", '[1, 2]', '', '${x}']);
  });
  it('passes no argument for ${f:} and empty strings for empty arguments', () => {
    expect(args('${f:}')).toEqual([]);
    expect(args('${f: }')).toEqual([]);
    expect(args('${f:,}')).toEqual(["''", "''"]);
    expect(args('${f:a,,b}')).toEqual(["'a'", "''", "'b'"]);
    expect(args('${f:a,}')).toEqual(["'a'", "''"]);
  });
});

describe('typed arguments', () => {
  it.each([
    ['1', '1'],
    ['-1', '-1'],
    ['+1', '1'],
    ['1_000', '1000'],
    ['0', '0'],
    ['010', "'010'"],
    ['0x10', "'0x10'"],
    ['1.5', '1.5'],
    ['1.', '1.0'],
    ['.5', '0.5'],
    ['1e3', '1000.0'],
    ['1E-3', '0.001'],
    ['1.e2', '100.0'],
    ['1_0.5_5', '10.55'],
    ['inf', 'inf'],
    ['-INF', '-inf'],
    ['nan', 'nan'],
    ['-nan', 'nan'],
    ['1e', "'1e'"],
    ['1.2.3', "'1.2.3'"],
    ['true', 'True'],
    ['FaLsE', 'False'],
    ['null', 'None'],
    ['NULL', 'None'],
    ['None', "'None'"],
    ['yes', "'yes'"],
    ['abc', "'abc'"],
    ['true1', "'true1'"],
    ['info', "'info'"],
    ['a-b', "'a-b'"],
    ['-', "'-'"],
    ['a:b', "'a:b'"],
    ['a : b', "'a : b'"],
    ['a b', "'a b'"],
    ['\\ a\\ ', "' a '"],
    ['a\\,b', "'a,b'"],
    ['\\[\\]\\{\\}\\(\\)\\:\\=', "'[]{}():='"],
    ['a\\\\b', "'a\\\\b'"],
    ['a\\b', "'a\\\\b'"],
    ['/-\\+.$%*@?|', "'/-\\\\+.$%*@?|'"],
  ])('reads %s as %s', (text, expected) => {
    expect(args(`\${f:${text}}`)).toEqual([expected]);
  });
  it('keeps big ints exact', () => {
    expect(args('${f:123456789012345678901}')).toEqual(['123456789012345678901']);
    expect(parseIntText('123456789012345678901')).toBe(123456789012345678901n);
    expect(parseIntText('-9_007_199_254_740_993')).toBe(-9007199254740993n);
  });
  it('parses float text as Python float()', () => {
    expect(parseFloatText('-inf')).toBe(Number.NEGATIVE_INFINITY);
    expect(parseFloatText('+1_0.5')).toBe(10.5);
    expect(parseFloatText('-nan')).toBeNaN();
  });
  it('passes a lone interpolation as such, and text around it as a concatenation', () => {
    expect(args('${f:${a}}')).toEqual(['node(a)']);
    expect(args('${f: ${a} }')).toEqual(['node(a)']);
    expect(args('${f:x${a}}')).toEqual(['concat("x" + node(a))']);
    expect(args('${f:${a}\\ }')).toEqual(['concat(node(a) + " ")']);
  });
  it('reads quoted strings with their escapes', () => {
    expect(args("${f:'a,b'}")).toEqual(['quoted("a,b")']);
    expect(args('${f:"a\\"b"}')).toEqual(['quoted("a\\"b")']);
    expect(args("${f:'a\\\\'}")).toEqual(['quoted("a\\\\")']);
    expect(args("${f:'a\\\\b'}")).toEqual(['quoted("a\\\\\\\\b")']);
    expect(args("${f:'\\${x}'}")).toEqual(['quoted("${x}")']);
    expect(args("${f:'x${y}'}")).toEqual(['quoted("x" + node(y))']);
    expect(args("${f:''}")).toEqual(['quoted()']);
  });
  it('reads nested quotes inside a nested interpolation without escapes', () => {
    expect(args(`\${f:"'\${g:'y', "o"}'"}`)).toEqual([`quoted("'" + call(g: quoted("y"), quoted("o")) + "'")`]);
  });
  it('reads lists and dicts', () => {
    expect(args('${f:[1, a, [2]]}')).toEqual(["[1, 'a', [2]]"]);
    expect(args('${f:[1,,2]}')).toEqual(["[1, '', 2]"]);
    expect(args('${f:{a: 1, 2: b, true: c, null: d, 1.5: e}}')).toEqual(["{'a': 1, 2: 'b', True: 'c', None: 'd', 1.5: 'e'}"]);
    expect(args('${f:{a b: [x]}}')).toEqual(["{'a b': ['x']}"]);
    expect(args('${f:{}}')).toEqual(['{}']);
  });
  it.each([
    ['${f:a=b}', 5],
    ['${f:a#b}', 5],
    ["${f:a'b}", 5],
    ["${f:'abc}", 4],
    ['${f:[1,2}', 8],
    ['${f:{a:1}', 9],
    ['${f:{a: 1,}}', 10],
    ["${f:{'a': 1}}", 5],
    ['${f:{${a}: 1}}', 5],
    ['${f:{a}}', 6],
    ['${f:a[0]}', 5],
    ['${f:1', 5],
    ['${f:~}', 4],
  ])('rejects %j at column %i', (text, column) => {
    expect(columnOf(() => parseText(text))).toBe(column);
  });
});

describe('parseElement (oc.decode)', () => {
  it.each([
    ['3308', '3308'],
    ['1e3', '1000.0'],
    ['true', 'True'],
    ['null', 'None'],
    ['[a, 1]', "['a', 1]"],
    ['{a: [1]}', "{'a': [1]}"],
    ["'hello, world'", "quoted(\"hello, world\")"],
    ['abc', "'abc'"],
    [' 7', "' 7'"],
    ['7 ', "'7 '"],
    ['a b', "'a b'"],
    ['${x}', 'node(x)'],
  ])('reads %j as %s', (text, expected) => {
    expect(arg(parseElement(text))).toBe(expected);
  });
  it.each([[''], ['1,2'], [' [1]'], ['[1] '], ['[1'], ['a=b']])('rejects %j', (text) => {
    expect(() => parseElement(text)).toThrow(GrammarError);
  });
});

describe('performance guards', () => {
  // Each nested `${` is first tried as a resolver name; without memoising, depth 200 would take 2^200 steps.
  it('parses deeply nested interpolations (linear in the depth)', () => {
    const depth = 200;
    const text = `${'${'.repeat(depth)}a${'}'.repeat(depth)}`;
    expect(parseText(text).single?.kind).toBe('node');
  });
  it('parses long keys next to resolver calls quickly (hydra#1480)', () => {
    const long = 'x'.repeat(5000);
    expect(parts(`\${${long}1}_\${${long}2:\${a_key}}`)).toHaveLength(3);
  });
});
