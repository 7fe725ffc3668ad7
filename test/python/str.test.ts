/**
 * Python's `str()` and `repr()` of scalars, as OmegaConf prints values in string interpolations
 * and containers. Expected outputs were recorded from CPython 3.11.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scalarRepr, scalarStr, strRepr } from '../../src/python/str.js';

// [string, Python repr(string)]
const REPR: Array<[string, string]> = [
  ["", "''"],
  ["a", "'a'"],
  ["it's", "\"it's\""],
  ["say \"hi\"", "'say \"hi\"'"],
  ["it's \"both\"", "'it\\'s \"both\"'"],
  ["back\\slash", "'back\\\\slash'"],
  ["tab\there", "'tab\\there'"],
  ["new\nline", "'new\\nline'"],
  ["cr\rx", "'cr\\rx'"],
  ["nul\u0000", "'nul\\x00'"],
  ["bell\u0007", "'bell\\x07'"],
  ["esc\u001b", "'esc\\x1b'"],
  ["del\u007f", "'del\\x7f'"],
  ["nel\u0085", "'nel\\x85'"],
  ["nbsp\u00a0", "'nbsp\\xa0'"],
  ["shy\u00ad", "'shy\\xad'"],
  ["latin \u00e9 \u00df", "'latin \u00e9 \u00df'"],
  ["zwsp\u200b", "'zwsp\\u200b'"],
  ["ls\u2028", "'ls\\u2028'"],
  ["ps\u2029", "'ps\\u2029'"],
  ["ideo\u3000", "'ideo\\u3000'"],
  ["bom\ufeff", "'bom\\ufeff'"],
  ["emoji \ud83c\udf89", "'emoji \ud83c\udf89'"],
  ["tag\udb40\udc01", "'tag\\U000e0001'"],
  ["private\ue000", "'private\\ue000'"],
  ["unassigned\u0378", "'unassigned\\u0378'"],
  ["surrogate\ud800", "'surrogate\\ud800'"],
  ["cjk \u6f22\u5b57", "'cjk \u6f22\u5b57'"],
  ["combining e\u0301", "'combining e\u0301'"],
  ["${x}", "'${x}'"],
  ["???", "'???'"],
  ["'", "\"'\""],
  ["\"", "'\"'"],
  ["'\"", "'\\'\"'"],
  ["\\'", "\"\\\\'\""],
  ["mixed 'a' \"b\" \\c", "'mixed \\'a\\' \"b\" \\\\c'"],
];

// [type, value, Python str(value), Python repr(value)]
const SCALARS: Array<['null' | 'bool' | 'int' | 'float' | 'str', unknown, string, string]> = [
  ['null', null, "None", "None"],
  ['bool', true, "True", "True"],
  ['bool', false, "False", "False"],
  ['int', 0, "0", "0"],
  ['int', -12, "-12", "-12"],
  ['int', 18446744073709551616n, "18446744073709551616", "18446744073709551616"],
  ['float', 1.0, "1.0", "1.0"],
  ['float', 1e-05, "1e-05", "1e-05"],
  ['float', 1e+16, "1e+16", "1e+16"],
  ['float', 0.30000000000000004, "0.30000000000000004", "0.30000000000000004"],
  ['float', Number.POSITIVE_INFINITY, "inf", "inf"],
  ['float', Number.NEGATIVE_INFINITY, "-inf", "-inf"],
  ['float', Number.NaN, "nan", "nan"],
  ['float', -0, "-0.0", "-0.0"],
  ['float', 123456789.125, "123456789.125", "123456789.125"],
  ['str', "x'y", "x'y", "\"x'y\""],
];

describe('strRepr is Python repr(str)', () => {
  it.each(REPR)('repr(%j)', (s, expected) => {
    expect(strRepr(s)).toBe(expected);
  });
  it('uses double quotes only when the text has a single quote and no double quote', () => {
    expect(strRepr("a'b")).toBe(`"a'b"`);
    expect(strRepr(`a'b"c`)).toBe(`'a\\'b"c'`);
  });
  it('escapes code points beyond the BMP as \\U with eight digits', () => {
    expect(strRepr('\u{e0001}')).toBe("'\\U000e0001'");
  });
  it('round-trips through a Python-like reader for printable ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (s) => {
        const r = strRepr(s);
        const q = r[0] as string;
        expect(r.at(-1)).toBe(q);
        const body = r.slice(1, -1).replace(/\\(x[0-9a-f]{2}|.)/g, (_m, e: string) =>
          e.length === 3 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e,
        );
        expect(body).toBe(s);
      }),
    );
  });
});

describe('scalarStr and scalarRepr are Python str() and repr()', () => {
  it.each(SCALARS)('%s %s', (type, value, str, repr) => {
    expect(scalarStr(type, value)).toBe(str);
    expect(scalarRepr(type, value)).toBe(repr);
  });
});
