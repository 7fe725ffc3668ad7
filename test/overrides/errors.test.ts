import { describe, expect, it } from 'vitest';
import { OverrideParseError, parseOverride, parseOverrides } from '../../src/overrides/index.js';
import { TydraError } from '../../src/errors.js';
import { thrown } from './helpers.js';

function parseError(text: string): OverrideParseError {
  const e = thrown(() => parseOverride(text));
  expect(e).toBeInstanceOf(OverrideParseError);
  return e as OverrideParseError;
}

describe('error message format', () => {
  it('shows the override, a caret under the failing column and what was expected', () => {
    const e = parseError('db.port=[1,2');
    expect(e.message).toBe(
      ["Error parsing override 'db.port=[1,2'", '  db.port=[1,2', '              ^', "expected ',' or ']' at column 13"].join('\n'),
    );
    expect(e.override).toBe('db.port=[1,2');
    expect(e.column).toBe(12);
    expect(e.expected).toBe("',' or ']'");
    expect(e.found).toBe('end of input');
  });

  it('says what it found when it is not the end of the input', () => {
    const e = parseError('x=[]aa');
    expect(e.message.split('\n').at(-1)).toBe("expected ',' or end of input, found 'aa' at column 5");
  });

  it('is a TydraError (shown without a stack trace by the CLI) with a hint', () => {
    const e = parseError('+url=http://h/p?q=1');
    expect(e).toBeInstanceOf(TydraError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('OverrideParseError');
    expect(e.hint).toBe("quote the value or escape it: +url='http://h/p?q=1' or +url=http://h/p?q\\=1");
  });

  it('keeps tabs in the caret line so the caret lines up', () => {
    const e = parseError('x=a\tb\t#');
    expect(e.message.split('\n')[2]).toBe('     \t \t^');
  });

  it('shows control characters as control pictures on one line', () => {
    const e = parseError('x=a\nb');
    expect(e.message.split('\n')[0]).toBe("Error parsing override 'x=a\u240ab'");
    expect(e.column).toBe(3);
    expect(e.found).toBe('control character U+000A');
  });

  it('counts an astral character as one column for the caret', () => {
    const e = parseError('x=😀#');
    expect(e.column).toBe(2);
    const e2 = parseError("x='😀'#");
    expect(e2.column).toBe(6);
    expect(e2.message.split('\n')[2]).toBe('       ^');
  });

  it('names the failing override in parseOverrides', () => {
    const e = thrown(() => parseOverrides(['a=1', 'b=[', 'c=2'])) as OverrideParseError;
    expect(e.override).toBe('b=[');
  });

  it('rejects a non-string input with an OverrideParseError', () => {
    expect(thrown(() => parseOverride(42 as unknown as string))).toBeInstanceOf(OverrideParseError);
  });
});

describe('syntax errors: column and expectation', () => {
  it.each([
    // keys and prefixes
    ['seed', 4, "'='"],
    ['seed==1', 5, 'a value'],
    ['=5', 0, 'a key'],
    ['+=1', 1, 'a key'],
    ['++=1', 2, 'a key'],
    ['~', 1, 'a key'],
    ['@pkg=1', 0, 'a key'],
    [' a=1', 0, 'a key'],
    ['a =1', 1, "'='"],
    ['a.b =1', 3, "'='"],
    ['1=1', 0, 'a key'],
    ['a.=1', 1, "'='"],
    ['a.b.=1', 3, "'='"],
    ['-a=1', 0, 'a key'],
    ['é=1', 0, 'a key'],
    ['a/=1', 2, 'a config group name (letters, digits, _ and -)'],
    ['a/b.c=1', 2, 'a config group name (letters, digits, _ and -)'],
    ['$a/b=1', 2, "'='"],
    ['a.b/c=1', 3, "'='"],
    ['db@backup:replica=sqlite', 9, "'='"],
    ['db@:replica=sqlite', 3, "'='"],
    ['foo@', 4, "'='"],
    ['~db x', 3, "'=' or end of input"],
    ['~+a=1', 1, 'a key'],
    ['+~a=1', 1, 'a key'],
    ['+++a=1', 2, 'a key'],
    ['a==', 2, 'a value'],
    // values
    ['a=1,', 4, 'a value'],
    ['a=,1', 2, 'a value'],
    ['a=1,,2', 4, 'a value'],
    ['a=b=c', 3, "',' or end of input"],
    ['+url=http://h/p?q=1', 17, "',' or end of input"],
    ['x=${a.${b}}', 10, "',' or end of input"],
    ['+pick=${model.${dataset.name}}', 29, "',' or end of input"],
    ['dir=A[B', 5, "',' or end of input"],
    ['dir=A]B', 5, "',' or end of input"],
    ['dir=(a)', 4, 'a value'],
    ['dir=a)', 5, "',' or end of input"],
    ['dir=a(', 6, "an argument or ')'"],
    ['dir=a b(c)', 7, "',' or end of input"],
    ["x='a'b", 5, "',' or end of input"],
    ["x=a'b'", 3, "',' or end of input"],
    ["x='a' ", 5, "',' or end of input"],
    ["x='a''b'", 5, "',' or end of input"],
    ["x='abc", 2, 'a value'],
    ["x=it's", 4, "',' or end of input"],
    ['x="a\\"', 2, 'a value'],
    ["key=[1,2,3]'", 11, "',' or end of input"],
    ['x=a#b', 3, "',' or end of input"],
    ['x=#', 2, 'a value'],
    ['x=a!', 3, "',' or end of input"],
    ['x=a&b', 3, "',' or end of input"],
    ['x=a;b', 3, "',' or end of input"],
    ['x=a<b', 3, "',' or end of input"],
    ['x=~a', 2, 'a value'],
    ['x=a^b', 3, "',' or end of input"],
    ['x=`a`', 2, 'a value'],
    ['x=é', 2, 'a value'],
    ['x=café', 5, "',' or end of input"],
    ['x=a\nb', 3, "',' or end of input"],
    ['x=a\rb', 3, "',' or end of input"],
    ['x=true(1)', 6, "',' or end of input"],
    ['x=inf(1)', 5, "',' or end of input"],
    ['x=${}', 3, "',' or end of input"],
    ['x=${a', 3, "',' or end of input"],
    ['x=}', 2, 'a value'],
    // lists
    ['db.port=[1,2', 12, "',' or ']'"],
    ['x=[', 3, "a value or ']'"],
    ['x=[1,]', 5, 'a value'],
    ['x=[,1]', 3, "a value or ']'"],
    ['x=[1 2', 6, "',' or ']'"],
    ['x=[1}', 4, "',' or ']'"],
    ['x=[]aa', 4, "',' or end of input"],
    ['x=[1,2]]', 7, "',' or end of input"],
    ['x=[a=1]', 4, "',' or ']'"],
    // dicts
    ['x={', 3, "a dict key or '}'"],
    ['x={a}', 4, "':'"],
    ['x={a:}', 5, 'a value'],
    ['x={:1}', 3, "a dict key or '}'"],
    ['x={a:1,}', 7, 'a dict key'],
    ['x={a:1', 6, "',' or '}'"],
    ["x={'a':1}", 3, "a dict key or '}'"],
    ['x={a:1,"b":2}', 7, 'a dict key'],
    ['x={${a}:1}', 3, "a dict key or '}'"],
    ['x={a${b}:1}', 4, "':'"],
    ['x={[a]:1}', 3, "a dict key or '}'"],
    ['x={a:1}}', 7, "',' or end of input"],
    // functions
    ['x=f(', 4, "an argument or ')'"],
    ['x=f(a', 5, "',' or ')'"],
    ['x=f(a,', 6, 'an argument'],
    ['x=f(a=)', 6, 'a value'],
    ['x=f(=1)', 4, "an argument or ')'"],
    ['x=f(a b=1)', 7, "',' or ')'"],
    ['x=f(1)(2)', 6, "',' or end of input"],
    ['x=choice(a,b', 12, "',' or ')'"],
  ])('%j fails at column %i expecting %s', (text, column, expected) => {
    const e = parseError(text);
    expect(e.column).toBe(column);
    expect(e.expected).toBe(expected);
  });

  it('rejects nesting deeper than 1000 levels instead of overflowing the stack', () => {
    const e = parseError(`x=${'['.repeat(5000)}${']'.repeat(5000)}`);
    expect(e.problem).toBe('nesting deeper than 1000 levels');
    expect(parseOverride(`x=${'['.repeat(500)}${']'.repeat(500)}`).value?.kind).toBe('list');
  });
});

describe('function errors', () => {
  it.each([
    ['x=chioce(a,b)', 2, "unknown function 'chioce'"],
    ['x=foo(1)', 2, "unknown function 'foo'"],
    ['x=my-func(1)', 2, "unknown function 'my-func'"],
    ['x=f(a=1,b)', 8, 'positional argument follows keyword argument'],
    ['x=range(a)', 8, "range() argument 'start' must be an int or float, got string 'a'"],
    ['x=range(null)', 8, "range() argument 'start' must be an int or float, got null"],
    ['x=range(1,2,null)', 12, "range() argument 'step' must be an int or float, got null"],
    ['x=range(0,5,0)', 12, 'range() step must not be zero'],
    ['x=range(0,5,0.0)', 12, 'range() step must not be zero'],
    ['x=range(1,2,3,4)', 14, 'range() takes at most 3 positional arguments but 4 were given'],
    ['x=range(1,start=2)', 10, "range() got multiple values for argument 'start'"],
    ['x=range(stop=3)', 2, "range() missing required argument 'start'"],
    ['x=range(1,stpe=2)', 10, "range() got an unexpected keyword argument 'stpe'"],
    ['x=interval(1)', 2, "interval() missing required argument 'end'"],
    ['x=interval(a,2)', 11, "interval() argument 'start' must be an int or float, got string 'a'"],
    ['x=choice()', 2, 'choice(): empty choice is not legal'],
    ['x=choice(null)', 9, 'choice() argument 1 must be a string, number, bool, list, dict or choice, got null'],
    ['x=choice(a,null)', 11, 'choice() argument 2 must be a string, number, bool, list, dict or choice, got null'],
    ['x=choice(range(3))', 9, 'choice() argument 1 must be a string, number, bool, list, dict or choice, got a range sweep'],
    ['x=choice(choice(a,b))', 9, 'choice(): nesting choices is not supported'],
    ['x=choice(a,choice(b,c))', 11, 'choice(): nesting choices is not supported'],
    ['x=choice(a,x=1)', 11, "choice() got an unexpected keyword argument 'x'"],
    ['x=[choice(a,b)]', 3, 'a choice sweep cannot be nested inside a list'],
    ['x={k:range(3)}', 5, 'a range sweep cannot be nested inside a dict'],
    ['x=choice(a,b),c', 2, 'a choice sweep cannot be nested inside a comma-separated sweep'],
    ['x=a,interval(0,1)', 4, 'a interval sweep cannot be nested inside a comma-separated sweep'],
    ['x=tag(a)', 6, "tag(): the last argument must be a choice(), range() or interval(), got string 'a'"],
    ['x=tag()', 2, 'tag(): not enough arguments to tag, must take at least a sweep'],
    ['x=tag(sweep=choice(a))', 2, 'tag(): not enough arguments to tag, must take at least a sweep'],
    ['x=tag(1,choice(a))', 6, 'tag() argument 1 must be a string tag or a choice, range or interval sweep, got int 1'],
    ['x=tag(choice(a),x,choice(b))', 6, 'tag(): tags must be strings, got a choice sweep'],
    ['x=tag(a,glob(*))', 8, 'tag() argument 2 must be a string tag or a choice, range or interval sweep, got a glob'],
    ['x=glob(1)', 7, "glob() argument 'include' must be a string or a list of strings, got int 1"],
    ['x=glob()', 2, "glob() missing required argument 'include'"],
    ['x=glob([a,1])', 7, "glob(): the patterns of 'include' must be unquoted strings, got int 1"],
    ["x=glob(['a*'])", 7, "glob(): the patterns of 'include' must be unquoted strings, got a quoted string"],
    ['x=sort()', 2, 'sort(): empty sort input'],
    ['x=sort(a,[1])', 9, 'sort(): several arguments must all be strings, numbers or bools, got a list'],
    ['x=sort(null)', 7, 'sort() argument 1 must be a string, number, bool, list, dict, choice or range, got null'],
    ['x=sort(3,2,str(1))', 2, "sort(): '<' not supported between instances of 'str' and 'int'"],
    ['x=sort([1,a])', 7, "sort(): '<' not supported between instances of 'str' and 'int'"],
    ["x=sort(['b','a'])", 7, "sort(): '<' not supported between instances of 'QuotedString' and 'QuotedString'"],
    ['x=sort([{a:1},{b:2}])', 7, "sort(): '<' not supported between instances of 'dict' and 'dict'"],
    ['x=sort([1,2],reverse=1)', 13, "sort() argument 'reverse' must be true or false, got int 1"],
    ['x=sort(interval(0,1))', 7, 'sort() argument 1 must be a string, number, bool, list, dict, choice or range, got a interval sweep'],
    ['x=shuffle(null)', 10, 'shuffle() argument 1 must be a string, number, bool, list, dict, choice or range, got null'],
    ['x=shuffle(a,choice(b))', 12, 'shuffle(): a choice sweep cannot be one of several values'],
    ['x=shuffle(sweep=[1])', 10, "shuffle() argument 'sweep' must be a choice or range sweep, got a list"],
    ['x=shuffle(list=a)', 10, "shuffle() argument 'list' must be a list, got string 'a'"],
    ['x=shuffle([1],seed=true)', 14, "shuffle() argument 'seed' must be an int, got bool true"],
    ['x=shuffle([1],seed=1.5)', 14, "shuffle() argument 'seed' must be an int, got float 1.5"],
    ['x=int()', 2, 'int(): no positional args or value specified'],
    ['x=int(1,value=2)', 8, 'int(): cannot use both positional and named arguments'],
    ['x=int(glob(*))', 6, 'int() argument 1 must be a value, a list, a dict or a sweep, got a glob'],
    ['x=int(x=1)', 6, "int() got an unexpected keyword argument 'x'"],
    ['x=int(1,choice(2))', 8, 'int(): a choice sweep cannot be one of several values'],
  ])('%j fails at column %i: %s', (text, column, problem) => {
    const e = parseError(text);
    expect(e.problem).toBe(problem);
    expect(e.column).toBe(column);
    expect(e.message.split('\n').at(-1)).toBe(`${problem} at column ${column + 1}`);
  });

  it('suggests the closest function name and lists them all', () => {
    expect(parseError('x=chioce(a,b)').hint).toBe(
      "did you mean 'choice'? Available functions: bool, choice, float, glob, int, interval, range, shuffle, sort, str, tag",
    );
    expect(parseError('x=zzzzzz(1)').hint).toBe('Available functions: bool, choice, float, glob, int, interval, range, shuffle, sort, str, tag');
  });

  it('suggests the closest keyword and lists the valid ones', () => {
    expect(parseError('x=range(1,stpe=2)').hint).toBe("did you mean 'step'? valid keywords: start, stop, step");
    expect(parseError('x=sort([1],revers=true)').hint).toBe("did you mean 'reverse'? valid keywords: sweep, list, reverse");
  });

  it('reports a syntax error before a function error, as Hydra does', () => {
    expect(parseError('x=range(0,5,0),]').expected).toBe('a value');
    expect(parseError('x=[range(3)').expected).toBe("',' or ']'");
  });

  it('reports the innermost failing call', () => {
    expect(parseError('x=choice(range(a))').problem).toBe("range() argument 'start' must be an int or float, got string 'a'");
  });
});

describe('hints', () => {
  it.each([
    ['+url=http://h/p?q=1', "quote the value or escape it: +url='http://h/p?q=1' or +url=http://h/p?q\\=1"],
    ['x=a b=c', "quote the value or escape it: x='a b=c' or x=a b\\=c"],
    ['x=${a.${b}}', "nested interpolations must be quoted on the command line: x='${a.${b}}'"],
    ['+pick=${model.${dataset.name}}', "nested interpolations must be quoted on the command line: +pick='${model.${dataset.name}}'"],
    ['x=café', "characters outside ASCII must be quoted: x='café'"],
    ["x=é'", 'characters outside ASCII must be quoted: x="é\'"'],
    ['x=a#b', "'#' needs quotes: x='a#b'"],
    ['dir=A[B', "to use '[' in a value, quote the value or escape it as '\\[': dir='A[B'"],
    ["x='a'b", 'a quoted value must make up the whole value: nothing may come before or after the quotes'],
    ["x=a'b'", 'a quoted value must make up the whole value: nothing may come before or after the quotes'],
    ['x={"a":1}', 'dict keys cannot be quoted or interpolated'],
    ['db@backup:replica=sqlite', 'package renames (group@pkg1:pkg2) were removed in Hydra 1.1: select the package with group@pkg=option'],
    ['seed', 'an override has the form key=value (and ~key deletes a key)'],
    ['=5', "an override needs a key before its '=': key=value"],
    ['a =1', "whitespace is not allowed in the key or before its '='"],
    ['x=f(a=1,b)', 'put positional arguments before keyword arguments: f(a, b, key=c)'],
  ])('%j hints %j', (text, hint) => {
    expect(parseError(text).hint).toBe(hint);
  });

  it('hints at unclosed quotes', () => {
    expect(parseError("x=it's").hint).toContain('the quote is never closed');
  });
});
