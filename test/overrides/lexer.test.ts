import { describe, expect, it } from 'vitest';
import { Lexer, T } from '../../src/overrides/lexer.js';

const NAMES = Object.fromEntries(Object.entries(T).map(([k, v]) => [v, k])) as Record<number, string>;

/** Tokens of a whole override as `TYPE:text` strings (EOF omitted). */
function tokens(text: string): string[] {
  const lx = new Lexer(text);
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const t = lx.typeAt(i);
    if (t === T.EOF) return out;
    out.push(`${NAMES[t]}:${text.slice(lx.starts[i], lx.ends[i])}`);
    if (t === T.ERROR) return out;
  }
}

/** Tokens of a value (after `k=`). */
function valueTokens(text: string): string[] {
  return tokens(`k=${text}`).slice(2);
}

describe('lexer: key mode', () => {
  it.each([
    ['a=1', ['KEY_ID:a', 'EQUAL:=']],
    ['a_b-c=1', ['KEY_ID:a_b-c', 'EQUAL:=']],
    ['_x=1', ['KEY_ID:_x', 'EQUAL:=']],
    ['$x=1', ['KEY_SPECIAL:$x', 'EQUAL:=']],
    ['a$b=1', ['KEY_SPECIAL:a$b', 'EQUAL:=']],
    ['a.b.c=1', ['DOT_PATH:a.b.c', 'EQUAL:=']],
    ['a.0=1', ['DOT_PATH:a.0', 'EQUAL:=']],
    ['0.a=1', ['DOT_PATH:0.a', 'EQUAL:=']],
    ['a.10_0=1', ['DOT_PATH:a.10_0', 'EQUAL:=']],
    ['a.$b.c-d=1', ['DOT_PATH:a.$b.c-d', 'EQUAL:=']],
    ['server/db=1', ['KEY_ID:server', 'SLASH:/', 'KEY_ID:db', 'EQUAL:=']],
    ['db@pkg=1', ['KEY_ID:db', 'AT:@', 'KEY_ID:pkg', 'EQUAL:=']],
    ['db@a.b=1', ['KEY_ID:db', 'AT:@', 'DOT_PATH:a.b', 'EQUAL:=']],
    ['~a', ['TILDE:~', 'KEY_ID:a']],
    ['++a=1', ['PLUS:+', 'PLUS:+', 'KEY_ID:a', 'EQUAL:=']],
    ['db@a:b=1', ['KEY_ID:db', 'AT:@', 'KEY_ID:a', 'KEY_COLON::', 'KEY_ID:b', 'EQUAL:=']],
  ])('%s', (text, expected) => {
    expect(tokens(text).slice(0, expected.length)).toEqual(expected);
  });

  it('takes the whitespace after the first = into the EQUAL token', () => {
    expect(tokens('a=  \t1')).toEqual(['KEY_ID:a', 'EQUAL:=  \t', 'INT:1']);
  });

  it.each([
    [' a=1', 'ERROR: '],
    ['a =1', 'ERROR: '],
    ['1=1', 'ERROR:1'],
    ['a.=1', 'ERROR:.'],
    ['é=1', 'ERROR:é'],
    ['a#=1', 'ERROR:#'],
    ["'a'=1", "ERROR:'"],
  ])('%j has a character no key rule matches', (text, last) => {
    expect(tokens(text).at(-1)).toBe(last);
  });

  it('ends a dot path before a segment that is not a name or an unsigned int', () => {
    expect(tokens('a.01=1').slice(0, 2)).toEqual(['DOT_PATH:a.0', 'ERROR:1']);
  });
});

describe('lexer: value mode', () => {
  it.each([
    ['abc', ['ID:abc']],
    ['a-b_c9', ['ID:a-b_c9']],
    ['_', ['ID:_']],
    ['10', ['INT:10']],
    ['-10', ['INT:-10']],
    ['+10', ['INT:+10']],
    ['1_000', ['INT:1_000']],
    ['0', ['INT:0']],
    ['007', ['INT:0', 'INT:0', 'INT:7']],
    ['1__0', ['INT:1', 'ID:__0']],
    ['1_', ['INT:1', 'ID:_']],
    ['0x10', ['INT:0', 'ID:x10']],
    ['3.14', ['FLOAT:3.14']],
    ['5.', ['FLOAT:5.']],
    ['.5', ['FLOAT:.5']],
    ['-.5', ['FLOAT:-.5']],
    ['1e3', ['FLOAT:1e3']],
    ['1E-3', ['FLOAT:1E-3']],
    ['1.e5', ['FLOAT:1.e5']],
    ['1e+08', ['FLOAT:1e+08']],
    ['1.5_0', ['FLOAT:1.5_0']],
    ['1e', ['INT:1', 'ID:e']],
    ['1e+', ['INT:1', 'ID:e', 'UNQUOTED_CHAR:+']],
    ['1e3x', ['FLOAT:1e3', 'ID:x']],
    ['10.0.1', ['FLOAT:10.0', 'FLOAT:.1']],
    ['inf', ['FLOAT:inf']],
    ['-INF', ['FLOAT:-INF']],
    ['NaN', ['FLOAT:NaN']],
    ['+nan', ['FLOAT:+nan']],
    ['infinity', ['ID:infinity']],
    ['-infinity', ['FLOAT:-inf', 'ID:inity']],
    ['true', ['BOOL:true']],
    ['FaLsE', ['BOOL:FaLsE']],
    ['trueish', ['ID:trueish']],
    ['null', ['NULL:null']],
    ['NULL', ['NULL:NULL']],
    ['nullable', ['ID:nullable']],
    ['/-\\+.$%*@?|', ['UNQUOTED_CHAR:/', 'UNQUOTED_CHAR:-', 'UNQUOTED_CHAR:\\']],
    ['${a.b}', ['INTERPOLATION:${a.b}']],
    ['${oc.env:USER,me}', ['INTERPOLATION:${oc.env:USER,me}']],
    ['${a.${b}}', ['INTERPOLATION:${a.${b}', 'BRACE_CLOSE:}']],
    ['${}', ['UNQUOTED_CHAR:$', 'BRACE_OPEN:{', 'BRACE_CLOSE:}']],
    ['${a', ['UNQUOTED_CHAR:$', 'BRACE_OPEN:{', 'ID:a']],
    ['\\,', ['ESC:\\,']],
    ['\\\\\\(\\)', ['ESC:\\\\\\(\\)']],
    ['\\ \\\t', ['ESC:\\ \\\t']],
    ['\\a', ['UNQUOTED_CHAR:\\', 'ID:a']],
    ['\\', ['UNQUOTED_CHAR:\\']],
    ['a b', ['ID:a', 'WS: ', 'ID:b']],
    ['a\t \tb', ['ID:a', 'WS:\t \t', 'ID:b']],
    ["'a b'", ["QUOTED_VALUE:'a b'"]],
    ['"a\'b"', ['QUOTED_VALUE:"a\'b"']],
    ["'a\\'b'", ["QUOTED_VALUE:'a\\'b'"]],
    ["'a\\\\'b", ["QUOTED_VALUE:'a\\\\'", 'ID:b']],
    ["''", ["QUOTED_VALUE:''"]],
  ])('%s', (text, expected) => {
    expect(valueTokens(text).slice(0, expected.length)).toEqual(expected);
  });

  it('lexes every UNQUOTED_CHAR on its own', () => {
    for (const c of ['/', '\\', '.', '$', '%', '*', '@', '?', '|', '-', '+']) {
      expect(valueTokens(c)).toEqual([`UNQUOTED_CHAR:${c}`]);
    }
  });

  it.each([
    ['a(', ['ID:a', 'POPEN:(']],
    ['a ( b', ['ID:a', 'POPEN: ( ', 'ID:b']],
    ['a , b', ['ID:a', 'COMMA: , ', 'ID:b']],
    ['a )', ['ID:a', 'PCLOSE: )']],
    ['[ a ]', ['BRACKET_OPEN:[ ', 'ID:a', 'BRACKET_CLOSE: ]']],
    ['{ a : b }', ['BRACE_OPEN:{ ', 'ID:a', 'COLON: : ', 'ID:b', 'BRACE_CLOSE: }']],
    ['a = b', ['ID:a', 'EQUAL: = ', 'ID:b']],
    ['a [', ['ID:a', 'WS: ', 'BRACKET_OPEN:[']],
    ['a {', ['ID:a', 'WS: ', 'BRACE_OPEN:{']],
  ])('whitespace goes to the punctuation token: %j', (text, expected) => {
    expect(valueTokens(text)).toEqual(expected);
  });

  it.each(['#', '!', '&', '^', '~', ';', '<', '>', '`', 'é', '日', '\n', "'", '"', "'abc", '"a\\"'])(
    '%j cannot be lexed outside quotes',
    (text) => {
      expect(valueTokens(text).at(-1)?.startsWith('ERROR:')).toBe(true);
    },
  );

  it('allows anything inside quotes', () => {
    expect(valueTokens("'é#!&^~;<>`\n'")).toEqual(["QUOTED_VALUE:'é#!&^~;<>`\n'"]);
  });

  it('closes a quoted value at the first quote preceded by an even run of backslashes', () => {
    expect(valueTokens("'a\\\\\\'b\\\\'")).toEqual(["QUOTED_VALUE:'a\\\\\\'b\\\\'"]);
    expect(valueTokens("'\\\\'")).toEqual(["QUOTED_VALUE:'\\\\'"]);
    expect(valueTokens("'\\''")).toEqual(["QUOTED_VALUE:'\\''"]);
  });

  it('stays linear on many unclosed ${', () => {
    const text = '${'.repeat(50_000);
    const t0 = performance.now();
    expect(valueTokens(text).length).toBe(100_000);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
