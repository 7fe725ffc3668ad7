import { describe, expect, it } from 'vitest';
import {
  escapeSpecialCharacters,
  expandSweep,
  parseOverride,
  quoteString,
  renderOverride,
  renderValue,
} from '../../src/overrides/index.js';
import type { ChoiceSweep, Element, Sweep } from '../../src/overrides/index.js';
import { bool, dict, float, int, list, nul, str } from './helpers.js';

describe('renderValue', () => {
  it.each([
    ['null', nul],
    ['1', int(1)],
    ['-20', int(-20)],
    ['123456789012345678901234567890', int(123456789012345678901234567890n)],
    ['0.001', float(0.001)],
    ['1e-08', float(1e-8)],
    ['1e+16', float(1e16)],
    ['1.0', float(1)],
    ['-0.0', float(-0)],
    ['inf', float(Number.POSITIVE_INFINITY)],
    ['-inf', float(Number.NEGATIVE_INFINITY)],
    ['nan', float(Number.NaN)],
    ['0.30000000000000004', float(0.30000000000000004)],
    ['True', bool(true)],
    ['False', bool(false)],
    ['abc', str('abc')],
    ['', str('')],
    ["'a,b'", str('a,b', "'")],
    ['"a b"', str('a b', '"')],
    ["'it\\'s'", str("it's", "'")],
    ['a\\,b', str('a,b')],
    ['k\\=v', str('k=v')],
    ['two\\ words', str('two words')],
    ['f\\(x\\)', str('f(x)')],
    ['\\[1\\]', str('[1]')],
    ['\\{a\\}', str('{a}')],
    ['host\\:80', str('host:80')],
    ['C\\:\\\\dir', str('C:\\dir')],
    ['a\\\tb', str('a\tb')],
    ['$\\{a.b\\}', str('${a.b}')],
    ["'${a:\"b\"}'", str('${a:"b"}')],
    ['"${a:\'b\'}"', str("${a:'b'}")],
    ["'café'", str('café')],
    ['[0,1]', list(int(0), int(1))],
    ['[]', list()],
    ["['a b',[null]]", list(str('a b', "'"), list(nul))],
    ['{a:1,3:x,True:1.0}', dict([str('a'), int(1)], [int(3), str('x')], [bool(true), float(1)])],
    ['{a\\ b:c\\,d}', dict([str('a b'), str('c,d')])],
    ['{}', dict()],
  ] as [string, Element][])('renders %s', (expected, v) => {
    expect(renderValue(v)).toBe(expected);
  });
});

describe('quoteString: the inverse of how quoted values are read', () => {
  it.each([
    ['hello', "'", "'hello'"],
    ["it's", "'", "'it\\'s'"],
    ['say "hi"', '"', '"say \\"hi\\""'],
    ['say "hi"', "'", '\'say "hi"\''],
    ['a\\b', "'", "'a\\b'"],
    ['a\\', "'", "'a\\\\'"],
    ['a\\\\', "'", "'a\\\\\\\\'"],
    ["a\\'b", "'", "'a\\\\\\'b'"],
    ["the path is C:\\'some folder'\\", "'", "'the path is C:\\\\\\'some folder\\'\\\\'"],
    ['', '"', '""'],
  ] as const)('%j with %s', (text, quote, expected) => {
    expect(quoteString(text, quote)).toBe(expected);
    expect(parseOverride(`k=${expected}`).value).toEqual(str(text, quote));
  });
});

describe('escapeSpecialCharacters', () => {
  it('escapes \\ ( ) [ ] { } : = , space and tab, and nothing else', () => {
    expect(escapeSpecialCharacters('\\()[]{}:=, \t')).toBe('\\\\\\(\\)\\[\\]\\{\\}\\:\\=\\,\\ \\\t');
    expect(escapeSpecialCharacters("a-b_c.d/e$f%g*h@i?j|k'l\"m")).toBe("a-b_c.d/e$f%g*h@i?j|k'l\"m");
  });
});

describe('renderOverride: a job override as Hydra writes it', () => {
  it.each([
    ['seed=1', 'seed=1'],
    ['+tag="a,b"', '+tag="a,b"'],
    ["+tag='a,b'", "+tag='a,b'"],
    ['~key', '~key=null'],
    ['~key=', '~key='],
    ['~key=5', '~key=5'],
    ['flag=true', 'flag=True'],
    ['flag=FALSE', 'flag=False'],
    ['optimizer.lr=1e-3', 'optimizer.lr=0.001'],
    ['x=1e6', 'x=1000000.0'],
    ['x=1_000', 'x=1000'],
    ['x=+5', 'x=5'],
    ['x=.5', 'x=0.5'],
    ['x=1e-8', 'x=1e-08'],
    ['trainer.devices=[0, 1]', 'trainer.devices=[0,1]'],
    ['x={a: 1, b: [x, y]}', 'x={a:1,b:[x,y]}'],
    ['x=NULL', 'x=null'],
    ['x=  a b  ', 'x=a\\ b'],
    ['+e.comma=a\\,b', '+e.comma=a\\,b'],
    ['+e.backslash=C:\\\\dir', '+e.backslash=C\\:\\\\dir'],
    ['x=${a.b}', 'x=$\\{a.b\\}'],
    ["x='${a.b}'", "x='${a.b}'"],
    ['++db@backup=mysql', '++db@backup=mysql'],
    ['server/db@=x', 'server/db@=x'],
    ['x=', 'x='],
    ['x=str(true)', 'x=true'],
    ['x=int(2.7)', 'x=2'],
    ["x=choice('a b')", 'x=choice'],
  ])('%s → %s', (input, expected) => {
    const o = parseOverride(input);
    if (o.value?.kind === 'choice') {
      expect(renderOverride(o, (o.value as ChoiceSweep).items[0])).toBe('x=a\\ b');
      return;
    }
    expect(renderOverride(o)).toBe(expected);
  });

  it('writes each value of a sweep with the override key', () => {
    const o = parseOverride('+opt=0.1,1e-3,"a b",[1,2]');
    expect(expandSweep(o.value as Sweep).map((v) => renderOverride(o, v))).toEqual([
      '+opt=0.1',
      '+opt=0.001',
      '+opt="a b"',
      '+opt=[1,2]',
    ]);
    const r = parseOverride('lr=range(0.1,0.5,0.1)');
    expect(expandSweep(r.value as Sweep).map((v) => renderOverride(r, v))).toEqual([
      'lr=0.1',
      'lr=0.2',
      'lr=0.30000000000000004',
      'lr=0.4',
    ]);
  });

  it('refuses to write a sweep as one value', () => {
    expect(() => renderOverride(parseOverride('x=1,2'))).toThrow(/pass one of its values/);
  });
});

describe('round trips: parse(render(v)) gives v back', () => {
  it.each([
    'x=abc',
    'x=a b',
    'x=a\\,b',
    'x=C:\\dir',
    'x=C:\\\\dir',
    'x=\\\\\\,',
    "x='it\\'s'",
    'x="a\\\\"',
    "x='\\\\\\''",
    'x=007',
    'x=1 2',
    'x=10.0.1',
    'x=infinity',
    'x=1e300',
    'x=-0.0',
    'x=nan',
    'x=-inf',
    'x=99999999999999999999999',
    'x=${a}_${b:c,d}',
    'x=[a,[b,{c:d}],null,true,1.5]',
    'x={a\\:b:c d,3:x,1.5:y,null:z,false:w}',
    'x=:',
    'x=a:b',
    'x=\\ lead',
    'x=trail\\ ',
    'x=\\(',
    "x={a:'q'}",
  ])('%s', (input) => {
    const v = parseOverride(input).value as Element;
    expect(parseOverride(`x=${renderValue(v)}`).value).toEqual(v);
  });
});
