/**
 * YAML as OmegaConf's `to_yaml` prints a config (PyYAML block style): strings quoted only when a
 * YAML 1.1 reader (or Python's int/float) would take them for something else, floats as PyYAML writes them, lists not
 * indented under their key, multi-line strings as literal blocks; and whatever it writes reads
 * back as the same tree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadYamlString } from '../../../src/config/load.js';
import { DictNode, type KeyType, ListNode, type Node, ValueNode } from '../../../src/config/nodes.js';
import { toYaml } from '../../../src/config/output/to-yaml.js';

const str = (v: string) => new ValueNode('str', v);
const float = (v: number) => new ValueNode('float', v);

function dict(entries: Record<string, Node>, keyTypes?: Record<string, KeyType>): DictNode {
  const d = new DictNode(new Map(Object.entries(entries)));
  if (keyTypes) d.keyTypes = new Map(Object.entries(keyTypes));
  return d;
}

/** `k: <value>` as toYaml writes it. */
function line(v: Node): string {
  return toYaml(dict({ k: v }));
}

function load(text: string): Node | undefined {
  return loadYamlString(text, 'config.yaml');
}

/** A tree with its scalar types and key types spelled out, to compare trees type for type. */
function typed(n: Node | undefined): unknown {
  if (n === undefined) return undefined;
  if (n.kind === 'value') return [n.type, n.value];
  if (n.kind === 'list') return n.items.map(typed);
  return [...n.entries].map(([k, v]) => [n.keyTypes?.get(k) ?? 'str', k, typed(v)]);
}

describe('strings', () => {
  it('leaves ordinary strings plain', () => {
    for (const s of ['mysql', 'a b', "it's", '-x', 'a,b', '${db.host}', '???', 'http://x:80/y', 'é']) {
      expect(line(str(s))).toBe(`k: ${s}\n`);
    }
  });

  it('quotes strings a YAML 1.1 reader would take for a bool, null, int or float', () => {
    const quoted = ['yes', 'No', 'off', 'ON', 'true', 'null', 'Null', '~', '1e3', '017', '0x1F', '1:30', '1_000', '.5', '-.inf', '.NaN', '42', '-1.5'];
    for (const s of quoted) expect(line(str(s))).toBe(`k: '${s}'\n`);
  });

  it("quotes, as OmegaConf does, strings Python reads as a bool word, int or float: y, n, inf, nan, 1_0", () => {
    const quoted = ['y', 'Y', 'n', 'N', 'inf', '-inf', '+Infinity', 'nan', 'NaN', '-nan', '1_0', '٣', '5.', '1E5'];
    for (const s of quoted) expect(line(str(s))).toBe(`k: '${s}'\n`);
    expect(toYaml(dict({ n: str('x') }))).toBe("'n': x\n");
    for (const s of ['oN', 'tRue', 'nan(', 'infinite', '0o17', '1e']) expect(line(str(s))).toBe(`k: ${s}\n`);
  });

  it('quotes the empty string', () => {
    expect(line(str(''))).toBe("k: ''\n");
  });

  it('quotes leading and trailing spaces', () => {
    expect(line(str(' lead'))).toBe("k: ' lead'\n");
    expect(line(str('trail '))).toBe("k: 'trail '\n");
  });

  it('quotes what would end a key or start a comment', () => {
    expect(line(str('a: b'))).toBe("k: 'a: b'\n");
    expect(line(str('a #b'))).toBe("k: 'a #b'\n");
    expect(line(str('key:'))).toBe("k: 'key:'\n");
  });

  it('writes a string with a tab double-quoted with \\t, as PyYAML does', () => {
    for (const s of ['a\tb', '-\tx', '?\tx', ':\tx', 'a:\tb', 'a\t#b']) expect(line(str(s))).toBe(`k: "${s.replace('\t', '\\t')}"\n`);
  });

  it('quotes strings starting with a YAML indicator', () => {
    for (const s of ['[a]', '{a: 1}', '#x', '&a', '*a', '!a', '|x', '>x', '%x', '@x', '`x', '- x', '? x', ': x', '"q"']) {
      expect(line(str(s))).toBe(`k: '${s}'\n`);
    }
  });

  it('quotes document markers and the = and << that PyYAML cannot read plain', () => {
    for (const s of ['---', '...', '--- x', '=', '<<']) expect(line(str(s))).toBe(`k: '${s}'\n`);
  });

  it('doubles a single quote inside a quoted string', () => {
    expect(line(str("'q'"))).toBe("k: '''q'''\n");
  });

  it('writes control characters escaped in double quotes, as PyYAML does', () => {
    expect(line(str('a\u0001b'))).toBe('k: "a\\x01b"\n');
    expect(line(str('bell\u0007 esc\u001b'))).toBe('k: "bell\\a esc\\e"\n');
    expect(line(str('\ufeffbom'))).toBe('k: "\\uFEFFbom"\n');
    expect(line(str('nel\u0085'))).toBe('k: "nel\\N"\n');
  });
});

describe('multi-line strings', () => {
  const cases: [string, string][] = [
    ['a\nb', 'k: |-\n  a\n  b\n'],
    ['a\nb\n', 'k: |\n  a\n  b\n'],
    ['a\nb\n\n', 'k: |+\n  a\n  b\n\n'],
    [' indented\nb', 'k: |2-\n   indented\n  b\n'],
    ['a\n\nb', 'k: |-\n  a\n\n  b\n'],
  ];

  it.each(cases)('writes %j as a literal block', (s, expected) => {
    expect(line(str(s))).toBe(expected);
  });

  it.each([...cases.map(([s]) => s), '\n', '\n\n', '\na', 'a\n  b\n', '#!/bin/sh\necho "$1"\n'])('reads %j back identically', (s) => {
    const back = load(toYaml(dict({ k: str(s), after: str('x') }))) as DictNode;
    expect((back.entries.get('k') as ValueNode).value).toBe(s);
    expect((back.entries.get('after') as ValueNode).value).toBe('x');
  });

  it('writes a literal block as a list item', () => {
    const text = toYaml(dict({ k: new ListNode([str('a\nb'), str('c')]) }));
    expect(text).toBe('k:\n- |-\n  a\n  b\n- c\n');
    expect(typed(load(text))).toEqual(typed(dict({ k: new ListNode([str('a\nb'), str('c')]) })));
  });

  it('writes a multi-line string of whitespace only double-quoted, as PyYAML does', () => {
    expect(line(str(' \n'))).toBe('k: " \\n"\n');
    expect(line(str('\n\n '))).toBe('k: "\\n\\n "\n');
  });

  it('writes a string with a carriage return double-quoted, so it reads back as it was', () => {
    expect(line(str('a\r\nb'))).toBe('k: "a\\r\\nb"\n');
    expect(((load(line(str('a\r\nb'))) as DictNode).entries.get('k') as ValueNode).value).toBe('a\r\nb');
  });
});

describe('numbers and other scalars', () => {
  it('writes floats as PyYAML does: repr, with .0 before an exponent', () => {
    expect(line(float(1))).toBe('k: 1.0\n');
    expect(line(float(0.1))).toBe('k: 0.1\n');
    expect(line(float(-0))).toBe('k: -0.0\n');
    expect(line(float(1e-8))).toBe('k: 1.0e-08\n');
    expect(line(float(1e16))).toBe('k: 1.0e+16\n');
    expect(line(float(1.5e-7))).toBe('k: 1.5e-07\n');
  });

  it('writes the non-finite floats as .inf, -.inf and .nan', () => {
    expect(line(float(Number.POSITIVE_INFINITY))).toBe('k: .inf\n');
    expect(line(float(Number.NEGATIVE_INFINITY))).toBe('k: -.inf\n');
    expect(line(float(Number.NaN))).toBe('k: .nan\n');
  });

  it('writes ints, big ints, booleans and null', () => {
    expect(line(new ValueNode('int', 3306))).toBe('k: 3306\n');
    expect(line(new ValueNode('int', 12345678901234567890n))).toBe('k: 12345678901234567890\n');
    expect(line(new ValueNode('bool', true))).toBe('k: true\n');
    expect(line(new ValueNode('null', null))).toBe('k: null\n');
  });
});

describe('containers', () => {
  it('indents nested dicts two spaces and keeps the key order', () => {
    expect(toYaml(load('db:\n  port: 3306\n  host: h\nname: x\n') as Node)).toBe('db:\n  port: 3306\n  host: h\nname: x\n');
  });

  it('does not indent a list under its key', () => {
    expect(toYaml(load('a:\n  b: [1, 2]\n') as Node)).toBe('a:\n  b:\n  - 1\n  - 2\n');
  });

  it('writes a list of dicts with the first key after the dash', () => {
    expect(toYaml(load('servers: [{host: a, port: 1}, {host: b}]\n') as Node)).toBe('servers:\n- host: a\n  port: 1\n- host: b\n');
  });

  it('writes nested lists with a dash per level', () => {
    expect(toYaml(load('m: [[1, 2], [3]]\n') as Node)).toBe('m:\n- - 1\n  - 2\n- - 3\n');
  });

  it('writes a dict inside a list inside a list', () => {
    expect(toYaml(load('- - a: 1\n    b: [x]\n') as Node)).toBe('- - a: 1\n    b:\n    - x\n');
  });

  it('writes typed keys plain and a string key that looks like a number quoted', () => {
    const d = new DictNode(new Map<string, Node>([['200', str('ok')], ['1.5', str('f')], ['true', str('b')], ['404', str('s')]]));
    d.keyTypes = new Map<string, KeyType>([['200', 'int'], ['1.5', 'float'], ['true', 'bool']]);
    expect(toYaml(d)).toBe("200: ok\n1.5: f\ntrue: b\n'404': s\n");
    expect(typed(load(toYaml(d)))).toEqual(typed(d));
  });

  it('quotes keys that need it', () => {
    // The empty key and a multi-line key cannot be simple keys: PyYAML writes `? key` then `: value`.
    expect(toYaml(dict({ 'a: b': str('x'), '': str('w'), 'line\nbreak': str('z') }))).toBe("'a: b': x\n? ''\n: w\n? 'line\n\n  break'\n: z\n");
  });

  it('writes empty containers as {} and []', () => {
    expect(toYaml(new DictNode())).toBe('{}\n');
    expect(toYaml(new ListNode())).toBe('[]\n');
    expect(toYaml(dict({ a: new DictNode(), b: new ListNode(), c: new ListNode([new DictNode(), new ListNode()]) }))).toBe('a: {}\nb: []\nc:\n- {}\n- []\n');
  });

  it('writes a top-level list and a top-level scalar', () => {
    expect(toYaml(new ListNode([str('a'), new ValueNode('int', 1)]))).toBe('- a\n- 1\n');
    expect(toYaml(str('yes'))).toBe("'yes'\n");
  });
});

describe('round trip (property)', () => {
  // Strings that contain `${` must be valid interpolations to load at all: leave them out.
  const text = fc
    .oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\t', '\r', ':', '#', '-', "'", '"', '\\', '.', '0', '1', 'e', '~', '!', '@', '\u0085', '\u2028', '\ufeff', '\u0000'), maxLength: 8 }),
      fc.constantFrom('yes', 'no', 'on', 'off', 'y', 'n', 'null', '~', '1e3', '017', '0o17', '0x1f', '1:30', '1_000', '.inf', '-.inf', '.nan', 'nan', 'inf', '---', '...', '=', '<<', '???', '', ' ', '\n', '\n\n', '- a', 'a: b', 'a #b', '1.0', '-0'),
    )
    .filter((s) => !s.includes('${'));

  const scalar: fc.Arbitrary<Node> = fc.oneof(
    fc.constant(new ValueNode('null', null)),
    fc.boolean().map((b) => new ValueNode('bool', b)),
    fc.maxSafeInteger().map((n) => new ValueNode('int', n)),
    fc.tuple(fc.boolean(), fc.bigInt({ min: 2n ** 53n, max: 2n ** 80n })).map(([neg, n]) => new ValueNode('int', neg ? -n : n)),
    fc.double().map((x) => new ValueNode('float', x)),
    text.map((s) => new ValueNode('str', s)),
  );

  /** Keys: strings, or int / float / bool keys as YAML types them. */
  const key: fc.Arbitrary<[string, KeyType | undefined]> = fc.oneof(
    { weight: 4, arbitrary: text.map((s): [string, undefined] => [s, undefined]) },
    fc.integer({ min: -1000, max: 100000 }).map((n): [string, KeyType] => [String(n), 'int']),
    fc.constantFrom<[string, KeyType]>(['1.5', 'float'], ['0.1', 'float'], ['1e-08', 'float'], ['-2.0', 'float'], ['true', 'bool'], ['false', 'bool']),
  );

  const tree = fc.letrec<{ node: Node; list: Node; dict: Node }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('dict')),
    list: fc.array(tie('node'), { maxLength: 4 }).map((items) => new ListNode(items)),
    dict: fc.array(fc.tuple(key, tie('node')), { maxLength: 4 }).map((entries) => {
      // A key is dropped when its text or its Python identity is taken (`1`, `1.0` and `true` are one key).
      const d = new DictNode();
      const seen = new Set<string>();
      for (const [[k, kt], v] of entries) {
        const identity = kt === 'bool' ? String(Number(k === 'true')) : kt ? String(Number(k)) : undefined;
        if (d.entries.has(k) || (identity !== undefined && seen.has(identity))) continue;
        if (identity !== undefined) seen.add(identity);
        d.entries.set(k, v);
        if (kt) (d.keyTypes ??= new Map()).set(k, kt);
      }
      return d;
    }),
  }));

  it('reads back what it writes, types included', () => {
    fc.assert(
      fc.property(fc.oneof(tree.dict, tree.list), (t) => {
        expect(typed(load(toYaml(t)))).toEqual(typed(t));
      }),
      { numRuns: 500 },
    );
  });
});
