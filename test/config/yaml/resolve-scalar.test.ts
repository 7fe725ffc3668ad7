import { describe, expect, it } from 'vitest';
import { YamlScalarError } from '../../../src/config/yaml/errors.js';
import { keyIdentity } from '../../../src/config/yaml/key-identity.js';
import type { ResolvedScalar } from '../../../src/config/yaml/resolve-scalar.js';
import {
  constructScalar,
  resolvePlainScalar,
  resolveTaggedScalar,
} from '../../../src/config/yaml/resolve-scalar.js';

type Expected = [type: ResolvedScalar['type'] | 'error', value: string | boolean | null];

/**
 * Recorded from OmegaConf 2.2.2 / PyYAML 6.0 (`OmegaConf.to_container(OmegaConf.create('v: ' + text))`):
 * [text, type, value], ints as decimal strings, floats as Python's repr.
 */
const PLAIN: [string, ...Expected][] = [
  ["1e3", 'float', "1000.0"],
  ["1e-3", 'float', "0.001"],
  ["1E3", 'float', "1000.0"],
  ["1e+3", 'float', "1000.0"],
  ["1.0e3", 'float', "1000.0"],
  ["1.0e+3", 'float', "1000.0"],
  ["1.5E-2", 'float', "0.015"],
  ["1_000", 'int', "1000"],
  ["1__0", 'int', "10"],
  ["1_", 'int', "1"],
  ["017", 'int', "15"],
  ["0o17", 'str', "0o17"],
  ["0b101", 'int', "5"],
  ["0b_1", 'int', "1"],
  ["-0b101", 'int', "-5"],
  ["0x1F", 'int', "31"],
  ["0x_1f", 'int', "31"],
  ["-0x1F", 'int', "-31"],
  ["0X1F", 'str', "0X1F"],
  ["1:30", 'int', "90"],
  ["-1:30", 'int', "-90"],
  ["1:60", 'str', "1:60"],
  ["1:5:7", 'int', "3907"],
  ["190:20:30.15", 'float', "685230.15"],
  ["190:20:30", 'int', "685230"],
  ["0:30", 'str', "0:30"],
  [".5", 'float', "0.5"],
  ["._5", 'float', "0.5"],
  ["1.", 'float', "1.0"],
  ["0.", 'float', "0.0"],
  ["-0.", 'float', "-0.0"],
  ["+0.5", 'float', "0.5"],
  [".0", 'float', "0.0"],
  ["-.5", 'str', "-.5"],
  ["+1", 'int', "1"],
  ["-1", 'int', "-1"],
  ["+0", 'int', "0"],
  ["-0", 'int', "0"],
  ["00", 'int', "0"],
  ["08", 'str', "08"],
  ["09", 'str', "09"],
  ["0_7", 'int', "7"],
  ["07_7", 'int', "63"],
  ["012345670", 'int', "2739128"],
  ["0_", 'int', "0"],
  ["1_2_3", 'int', "123"],
  ["12345678901234567890", 'int', "12345678901234567890"],
  ["-12345678901234567890", 'int', "-12345678901234567890"],
  ["9007199254740991", 'int', "9007199254740991"],
  ["9007199254740992", 'int', "9007199254740992"],
  ["0x7FFFFFFFFFFFFFFFFF", 'int', "2361183241434822606847"],
  ["6.8523015e+5", 'float', "685230.15"],
  ["685.230_15e+03", 'float', "685230.15"],
  ["685_230.15", 'float', "685230.15"],
  ["1e", 'str', "1e"],
  ["e3", 'str', "e3"],
  ["1e3.5", 'str', "1e3.5"],
  ["1.2.3", 'str', "1.2.3"],
  ["1,000", 'str', "1,000"],
  ["+.inf", 'float', "inf"],
  ["-.inf", 'float', "-inf"],
  [".inf", 'float', "inf"],
  [".Inf", 'float', "inf"],
  [".INF", 'float', "inf"],
  [".iNf", 'str', ".iNf"],
  ["inf", 'str', "inf"],
  ["-inf", 'str', "-inf"],
  ["nan", 'str', "nan"],
  [".nan", 'float', "nan"],
  [".NaN", 'float', "nan"],
  [".NAN", 'float', "nan"],
  [".nAn", 'str', ".nAn"],
  ["yes", 'bool', true],
  ["Yes", 'bool', true],
  ["YES", 'bool', true],
  ["yEs", 'str', "yEs"],
  ["no", 'bool', false],
  ["NO", 'bool', false],
  ["y", 'str', "y"],
  ["Y", 'str', "Y"],
  ["n", 'str', "n"],
  ["N", 'str', "N"],
  ["true", 'bool', true],
  ["True", 'bool', true],
  ["TRUE", 'bool', true],
  ["tRue", 'str', "tRue"],
  ["false", 'bool', false],
  ["on", 'bool', true],
  ["On", 'bool', true],
  ["ON", 'bool', true],
  ["off", 'bool', false],
  ["Off", 'bool', false],
  ["OFF", 'bool', false],
  ["oN", 'str', "oN"],
  ["~", 'null', null],
  ["null", 'null', null],
  ["Null", 'null', null],
  ["NULL", 'null', null],
  ["nULL", 'str', "nULL"],
  ["none", 'str', "none"],
  ["None", 'str', "None"],
  ["", 'null', null],
  ["2024-01-01", 'str', "2024-01-01"],
  ["2001-12-14t21:59:43.10-05:00", 'str', "2001-12-14t21:59:43.10-05:00"],
  ["12:30:45", 'int', "45045"],
  ["1_000.5", 'float', "1000.5"],
  ["1e1_0", 'str', "1e1_0"],
  ["0.1_5", 'float', "0.15"],
  ["1:2:3.5", 'float', "3723.5"],
  ["-1:2.5", 'float', "-62.5"],
  ["+.5", 'str', "+.5"],
  ["-.inf", 'float', "-inf"],
  [".5e3", 'str', ".5e3"],
  [".5e+3", 'float', "500.0"],
  ["1.e3", 'float', "1000.0"],
  ["1_e3", 'float', "1000.0"],
  ["0e0", 'float', "0.0"],
  ["-0e0", 'float', "-0.0"],
  ["0x", 'str', "0x"],
  ["0b", 'str', "0b"],
  ["0b2", 'str', "0b2"],
  ["0o", 'str', "0o"],
  ["_1", 'str', "_1"],
  ["1-2", 'str', "1-2"],
  ["3.14", 'float', "3.14"],
  ["-3.14", 'float', "-3.14"],
  ["1.0", 'float', "1.0"],
  ["100", 'int', "100"],
  ["-100", 'int', "-100"],
  ["+100", 'int', "100"],
  ["0", 'int', "0"],
  ["1.5.", 'str', "1.5."],
  ["..5", 'str', "..5"],
  ["abc", 'str', "abc"],
  ["a b", 'str', "a b"],
  ["${x}", 'str', "${x}"],
  ["???", 'str', "???"],
  ["<<x", 'str', "<<x"],
  ["==", 'str', "=="],
];

/** Recorded the same way from `v: !!<tag> "<text>"`; `error` where OmegaConf raised. */
const TAGGED: [tag: string, text: string, ...Expected][] = [
  ['int', "0o17", 'int', "15"],
  ['int', "017", 'int', "15"],
  ['int', "1_000", 'int', "1000"],
  ['int', "0x1F", 'int', "31"],
  ['int', "-0b11", 'int', "-3"],
  ['int', "1:30", 'int', "90"],
  ['int', "--1", 'int', "1"],
  ['int', "abc", 'error', "ValueError"],
  ['int', "1.5", 'error', "ValueError"],
  ['int', "08", 'error', "ValueError"],
  ['int', " 12 ", 'int', "12"],
  ['int', "", 'error', "IndexError"],
  ['float', "1", 'float', "1.0"],
  ['float', "inf", 'float', "inf"],
  ['float', "-Infinity", 'float', "-inf"],
  ['float', "nan", 'float', "nan"],
  ['float', "1e3", 'float', "1000.0"],
  ['float', ".5", 'float', "0.5"],
  ['float', "1_0.5", 'float', "10.5"],
  ['float', "abc", 'error', "ValueError"],
  ['float', "1:30", 'float', "90.0"],
  ['float', "--1", 'float', "1.0"],
  ['float', "", 'error', "IndexError"],
  ['float', ".inf", 'float', "inf"],
  ['float', "0x10", 'error', "ValueError"],
  ['bool', "yes", 'bool', true],
  ['bool', "YeS", 'bool', true],
  ['bool', "ON", 'bool', true],
  ['bool', "y", 'error', "KeyError"],
  ['bool', "1", 'error', "KeyError"],
  ['bool', "FALSE", 'bool', false],
  ['null', "anything", 'null', null],
  ['null', "", 'null', null],
  ['str', "123", 'str', "123"],
  ['str', "yes", 'str', "yes"],
  ['str', "", 'str', ""],
];

function expectResolved(actual: ResolvedScalar, type: string, value: string | boolean | null): void {
  expect(actual.type).toBe(type);
  switch (actual.type) {
    case 'int':
      expect(String(actual.value)).toBe(value);
      // A JS number only while it is exact; beyond that a bigint.
      expect(typeof actual.value).toBe(Number.isSafeInteger(Number(value)) ? 'number' : 'bigint');
      break;
    case 'float':
      expect(Object.is(actual.value, pyFloat(value as string))).toBe(true);
      break;
    default:
      expect(actual.value).toBe(value);
  }
}

/** A Python float repr as a JS number. */
function pyFloat(repr: string): number {
  if (repr === 'nan') return Number.NaN;
  if (repr === 'inf') return Number.POSITIVE_INFINITY;
  if (repr === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(repr);
}

describe('resolvePlainScalar', () => {
  it.each(PLAIN)('types %j as OmegaConf does', (text, type, value) => {
    expectResolved(resolvePlainScalar(text), type, value);
  });

  it.each(['0b_', '-0b_', '0x_', '._', '=', '<<'])('fails to construct %j as PyYAML does', (text) => {
    expect(() => resolvePlainScalar(text)).toThrow(YamlScalarError);
  });

  it('reads `=` as a string when it is a mapping key (PyYAML turns the value tag into str there)', () => {
    expect(resolvePlainScalar('=', 'key')).toEqual({ type: 'str', value: '=' });
  });

  it('keeps -0.0 negative and int -0 as plain zero', () => {
    expect(Object.is(resolvePlainScalar('-0.0').value, -0)).toBe(true);
    expect(Object.is(resolvePlainScalar('-0').value, 0)).toBe(true);
  });
});

describe('resolveTaggedScalar', () => {
  it.each(TAGGED)('constructs !!%s %j as PyYAML does', (tag, text, type, value) => {
    const full = `tag:yaml.org,2002:${tag}`;
    if (type === 'error') {
      expect(() => resolveTaggedScalar(text, full)).toThrow(YamlScalarError);
    } else {
      expectResolved(resolveTaggedScalar(text, full), type, value);
    }
  });

  it.each(['!foo', 'tag:yaml.org,2002:binary', 'tag:yaml.org,2002:timestamp', 'tag:yaml.org,2002:python/tuple'])(
    'rejects the tag %s, which OmegaConf cannot hold or PyYAML cannot construct',
    (tag) => {
      expect(() => resolveTaggedScalar('x', tag)).toThrow(/could not determine a constructor/);
    },
  );
});

describe('constructScalar', () => {
  it('resolves plain scalars only; quoted and block scalars are strings', () => {
    expect(constructScalar({ kind: 'scalar', text: '1', style: 'plain', offset: 0 })).toEqual({ type: 'int', value: 1 });
    expect(constructScalar({ kind: 'scalar', text: '1', style: 'double', offset: 0 })).toEqual({ type: 'str', value: '1' });
    expect(constructScalar({ kind: 'scalar', text: 'yes', style: 'block', offset: 0 })).toEqual({ type: 'str', value: 'yes' });
  });

  it('lets an explicit tag win over the style', () => {
    const node = { kind: 'scalar', text: '12', style: 'single', offset: 0, tag: 'tag:yaml.org,2002:int' } as const;
    expect(constructScalar(node)).toEqual({ type: 'int', value: 12 });
  });
});

describe('keyIdentity', () => {
  const plain = (text: string) => ({ kind: 'scalar', text, style: 'plain', offset: 0 }) as const;
  it('makes keys equal exactly when Python dict keys would be', () => {
    expect(keyIdentity(plain('1'))).toBe(keyIdentity(plain('0x1')));
    expect(keyIdentity(plain('1'))).toBe(keyIdentity(plain('true')));
    expect(keyIdentity(plain('1'))).toBe(keyIdentity(plain('1.0')));
    expect(keyIdentity(plain('~'))).toBe(keyIdentity(plain('null')));
    expect(keyIdentity(plain('.nan'))).toBe(keyIdentity(plain('.NaN')));
    expect(keyIdentity(plain('1'))).not.toBe(keyIdentity({ ...plain('1'), style: 'double' }));
    expect(keyIdentity(plain('a'))).toBe(keyIdentity({ ...plain('a'), style: 'single' }));
    expect(keyIdentity(plain('100000000000000000000'))).toBe(keyIdentity(plain('1e20')));
  });
});
