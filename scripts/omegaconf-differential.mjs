#!/usr/bin/env node
/**
 * Differential fuzzing of tydra's config core against the real OmegaConf (a dev tool; not part
 * of `npm test`).
 *
 * For contributors: this generates random configs and YAML texts biased toward the tricky parts
 * (YAML 1.1 scalars such as `1e3`, `1_000`, `0x1F`, `017`, `1:30`, `.inf`, `yes`/`on`, `~`;
 * quoting; anchors and merge keys; interpolations in keys, values and lists; relative `${..x}`;
 * nested `${a.${b}}`; resolver arguments with quotes, commas, braces and escapes; `\${`; merges
 * of `???`, null, dict-over-scalar and list-over-dict; `OmegaConf.update`-style overrides;
 * `OmegaConf.select`; `to_yaml` of odd strings), runs every case through tydra
 * (scripts/omegaconf-differential/tydra-entry.ts, bundled on the fly with esbuild) and through
 * OmegaConf (scripts/omegaconf-oracle.py under /usr/bin/python3 with python3-omegaconf), and
 * reports every difference in value, type (int/float/str/bool, as Python repr), key order,
 * error kind, warnings and `to_yaml` text.
 *
 *   node scripts/omegaconf-differential.mjs                 # 20000 cases, seed 1
 *   node scripts/omegaconf-differential.mjs --cases 50000 --seed 7 --kinds yaml,interp
 *   node scripts/omegaconf-differential.mjs --out /tmp/diff.json --examples 5
 *
 * Options: --cases N, --seed S, --kinds (yaml,interp,merge,update,select,toyaml), --examples N
 * (shown per kind of difference), --out FILE (every difference as JSON), --python PATH,
 * --batch N. The exit code is 1 when a difference remains.
 *
 * Compared: the unresolved config (`to_container(resolve=False)`), the resolved one, the
 * warnings, reading every node (`cfg.a.b`), `to_yaml`, and the error kind of whichever step
 * failed (messages and full keys are not compared: tydra rewords some messages and names the
 * innermost failing key). Accepted, documented differences are not reported: `to_yaml` writing
 * multi-line strings as literal blocks and quoting strings OmegaConf writes plain but cannot
 * read back, and double-quoting strings with NEL, LS or PS (accepted when tydra's text reads
 * back in OmegaConf as the same config);
 * `${oc.select:''}` and other self-references (OmegaConf overflows the stack, tydra reports a
 * cycle); `!!binary` (OmegaConf holds bytes, tydra rejects the tag); the class of a load error
 * (PyYAML raises ValueError, KeyError, ... from its constructors, tydra ConfigLoadError). The installed
 * OmegaConf may be 2.2 (Debian bookworm); where 2.2 and 2.3 differ (resolver names with `-`,
 * #880), a difference is listed as "2.2 vs 2.3" rather than counted. When a real difference is
 * found, record it in test/config/oracle/fuzz-found.cases.ts and fix src/config.
 *
 * Known differences still reported (rare; not fixed): a list or dict resolver argument holding a
 * container reached by interpolation (`${oc.create:[1, ${a}]}`) is resolved by tydra when the
 * argument is built, while OmegaConf passes the container with its interpolations unresolved (so
 * `typed`-style reprs, cycles and relative keys can differ); YAML corner cases where the `yaml`
 * package and PyYAML disagree (a quoted scalar continued at column 0, `%YAML1.1`, a repeated
 * %YAML directive, a mapping merged into itself with `<<`); the order of the read-only check
 * against list-index and struct errors in `OmegaConf.update` of read-only configs; merging over a
 * value whose interpolation OmegaConf's quick check accepts but its grammar rejects (`${:x}`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { cases: 20000, seed: 1, kinds: 'yaml,interp,merge,update,select,toyaml', examples: 3, out: undefined, python: '/usr/bin/python3', batch: 500 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--cases') opts.cases = Number(next());
    else if (a === '--seed') opts.seed = Number(next());
    else if (a === '--kinds') opts.kinds = next();
    else if (a === '--examples') opts.examples = Number(next());
    else if (a === '--out') opts.out = next();
    else if (a === '--python') opts.python = next();
    else if (a === '--batch') opts.batch = Number(next());
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/omegaconf-differential.mjs [--cases N] [--seed S] [--kinds yaml,interp,merge,update,select,toyaml] [--examples N] [--out FILE] [--python PATH]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  opts.kinds = opts.kinds.split(',').filter(Boolean);
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Random source (deterministic per seed)
// ---------------------------------------------------------------------------------------------

// tydra's own seeded generator (the one `shuffle(..., seed=)` uses), set once the bundle loads.
let rnd;
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const chance = (p) => rnd() < p;
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
/** Pick from [weight, generator] pairs. */
function weighted(pairs) {
  const total = pairs.reduce((s, [w]) => s + w, 0);
  let r = rnd() * total;
  for (const [w, g] of pairs) {
    r -= w;
    if (r < 0) return typeof g === 'function' ? g() : g;
  }
  const last = pairs[pairs.length - 1][1];
  return typeof last === 'function' ? last() : last;
}

// ---------------------------------------------------------------------------------------------
// Pools of tricky scalars
// ---------------------------------------------------------------------------------------------

const NUMBERISH = [
  '0', '1', '-1', '+1', '-0', '+0', '00', '007', '017', '08', '0o17', '0x1F', '0X1F', '0x_1F', '0x', '0b101', '0b_1', '0b', '0b2',
  '1_000', '1__0', '_1', '1_', '0_0', '1e3', '1E3', '1e+3', '1e-3', '1.5e3', '1.e3', '.5e3', '1.0', '1.', '.5', '+.5', '-.5', '1_0.5',
  '1.5_5', '6.02e23', '1e400', '-1e400', '1:30', '1:30:45', '-1:30', '+1:30', '1:60', '1:5', '1:30.5', '190:20:30.15', '0:0', '1:_0', '1_:30',
  '.inf', '.Inf', '.INF', '-.inf', '+.inf', '.iNf', '.nan', '.NaN', '.NAN', '-.nan', 'inf', 'nan', 'NaN', 'Infinity', '1e', 'e3', '0.0', '-0.0',
  '99999999999999999999', '123456789012345678901234567890', '-9007199254740993', '9007199254740992', '1.7976931348623157e308', '5e-324',
  '0.1', '1e16', '1e-5', '1.5E-07', '12e03', '1_2e3', '0.30000000000000004', '1e-07', '100000000000000000.0', '0e0', '.0', '0.', '._', '._1',
  '0b1_1', '0x1f_f', '-0x1F', '+0b11', '-017', '0_7', '1.2.3', '1,000', '1 000', '٣', '１２', '²', '1\u00a0', '0o', '0o8', '12:30:00',
];
const BOOLISH = ['yes', 'Yes', 'YES', 'yEs', 'no', 'No', 'NO', 'y', 'Y', 'n', 'N', 'true', 'True', 'TRUE', 'tRue', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'oN', 'off', 'Off', 'OFF'];
const NULLISH = ['~', 'null', 'Null', 'NULL', 'nULL', 'None', 'none', ''];
const WORDISH = [
  'a', 'x', 'abc', 'foo_bar', 'foo-bar', 'a.b', 'a b', 'é', '日本', 'ß', 'Ǆ', '🙂', 'a/b', 'C:\\path', 'x=y', 'a,b', 'a:b', 'a: b', 'a #b', 'a#b',
  '#x', '-x', '- x', '--', '-', '?x', '? x', '?', ':x', ': x', ':', '!x', '%x', '@x', '`x', '|x', '>x', '&x', '*x', '[x', ']x', '{x', '}x', ',x',
  "'x", '"x', 'x"', "x'", '???', '??', '=', '<<', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '---', '...',
  '--- x', '... x', 'x ---', '\\', '\\n', 'a\\tb', 'http://x:80/y', '$x', '${', '}', '${x', 'x}',
];
const KEYISH = ['a', 'b', 'c', 'x', 'y', 'k', 'foo', 'a_b', 'a-b', 'n1', '1', '0', '-1', '1.5', 'true', 'yes', 'null', '~', 'é', 'a b', 'x.y', 'a[0]', '$k', 'a:b', '???', '${a}', '${b}', '\\${a}'];
const ENV_NAMES = ['FUZZ_STR', 'FUZZ_EMPTY', 'FUZZ_INT', 'FUZZ_FLOAT', 'FUZZ_LIST', 'FUZZ_DICT', 'FUZZ_INTERP', 'FUZZ_BOOL', 'FUZZ_NULL', 'FUZZ_QUOTED', 'FUZZ_NOPE'];

// ---------------------------------------------------------------------------------------------
// YAML texts
// ---------------------------------------------------------------------------------------------

function singleQuoted(s) {
  return `'${s.replace(/'/g, "''")}'`;
}
function doubleQuoted(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += pick(['\\n', '\\n']);
    else if (ch === '\t') out += pick(['\\t', '\t']);
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (chance(0.05) && c > 0x7f && c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** One scalar token as YAML text, plain or quoted or tagged. */
function yamlScalarText(role) {
  const base = weighted([
    [5, () => pick(NUMBERISH)],
    [3, () => pick(BOOLISH)],
    [2, () => pick(NULLISH)],
    [4, () => pick(WORDISH)],
    [2, () => interpolationText(0)],
    [1, () => `${pick(WORDISH)}${pick(['', ' ', '_'])}${pick(NUMBERISH)}`],
  ]);
  return weighted([
    [10, () => (base === '' && role === 'key' ? 'k' : base)],
    [2, () => singleQuoted(base)],
    [2, () => doubleQuoted(base)],
    [1, () => `${pick(['!!str', '!!int', '!!float', '!!bool', '!!null', '!!str', '!!binary', '!foo', '!!timestamp'])} ${base === '' ? "''" : base}`],
  ]);
}

function blockScalar(indent) {
  const header = pick(['|', '|-', '|+', '>', '>-', '>+', '|2', '>1']);
  const lines = [];
  const n = int(1, 4);
  for (let i = 0; i < n; i++) lines.push(chance(0.2) ? '' : `${chance(0.2) ? '  ' : ''}${pick(WORDISH)} ${pick(NUMBERISH)}`);
  if (chance(0.3)) lines.push('');
  const pad = ' '.repeat(indent + 2);
  return `${header}\n${lines.map((l) => (l === '' ? '' : pad + l)).join('\n')}`;
}

class YamlDoc {
  constructor() {
    this.anchors = [];
  }
}

function yamlValue(doc, indent, depth, inSeq) {
  const pad = ' '.repeat(indent);
  const kind = depth >= 3 ? 'scalar' : weighted([[6, 'scalar'], [2, 'map'], [2, 'seq'], [2, 'flow'], [1, 'block'], [1, 'alias'], [1, 'multiline']]);
  let anchor = '';
  if (chance(0.08)) {
    const name = `an${doc.anchors.length}`;
    doc.anchors.push(name);
    anchor = `&${name} `;
  }
  switch (kind) {
    case 'map':
      return { inline: anchor.trim(), block: yamlMapping(doc, indent + 2, depth + 1) };
    case 'seq':
      return { inline: anchor.trim(), block: yamlSequence(doc, inSeq ? indent + 2 : indent + pick([0, 2]), depth + 1) };
    case 'flow':
      return { inline: anchor + flowValue(depth) };
    case 'block':
      return { inline: anchor + blockScalar(indent) };
    case 'alias':
      if (doc.anchors.length > 0) return { inline: `*${pick(doc.anchors)}` };
      return { inline: anchor + yamlScalarText('value') };
    case 'multiline': {
      const a = pick(WORDISH.filter((w) => /^[a-z]/.test(w)));
      const b = pick(WORDISH.filter((w) => /^[a-z0-9]/i.test(w)));
      return { inline: anchor + pick([`${a}\n${pad}  ${b}`, `'${a}\n${pad}  ${b}'`, `"${a}\\\n${pad}  ${b}"`, `"${a}\n\n${pad}  ${b}"`]) };
    }
    default:
      return { inline: anchor + yamlScalarText('value') };
  }
}

function flowValue(depth) {
  if (depth >= 3 || chance(0.5)) return yamlScalarText('value');
  if (chance(0.5)) {
    const n = int(0, 3);
    const items = [];
    for (let i = 0; i < n; i++) items.push(flowValue(depth + 1));
    return `[${items.join(pick([', ', ',', ' , ']))}]`;
  }
  const n = int(0, 3);
  const items = [];
  const used = new Set();
  for (let i = 0; i < n; i++) {
    const k = yamlScalarText('key');
    if (used.has(k)) continue;
    used.add(k);
    items.push(`${k}: ${flowValue(depth + 1)}`);
  }
  return `{${items.join(', ')}}`;
}

function yamlMapping(doc, indent, depth) {
  const pad = ' '.repeat(indent);
  const lines = [];
  const n = int(1, 4);
  const used = new Set();
  for (let i = 0; i < n; i++) {
    if (chance(0.05) && doc.anchors.length > 0) {
      lines.push(`${pad}<<: ${chance(0.7) ? `*${pick(doc.anchors)}` : `[*${pick(doc.anchors)}, *${pick(doc.anchors)}]`}`);
      continue;
    }
    let key = chance(0.6) ? pick(['a', 'b', 'c', 'x', 'y', 'k', 'foo', 'bar']) : yamlScalarText('key');
    if (used.has(key) && !chance(0.03)) continue;
    used.add(key);
    if (chance(0.03)) key = `? ${key}\n${pad}`;
    const v = yamlValue(doc, indent, depth, false);
    const comment = chance(0.08) ? ` # ${pick(WORDISH)}` : '';
    if (v.block !== undefined) lines.push(`${pad}${key}:${v.inline ? ` ${v.inline}` : ''}${comment}\n${v.block}`);
    else lines.push(`${pad}${key}: ${v.inline}${v.inline.includes('\n') ? '' : comment}`);
    if (chance(0.05)) lines.push(`${pad}# ${pick(WORDISH)}`);
  }
  if (lines.length === 0) lines.push(`${pad}k: 1`);
  return lines.join('\n');
}

function yamlSequence(doc, indent, depth) {
  const pad = ' '.repeat(indent);
  const lines = [];
  const n = int(1, 3);
  for (let i = 0; i < n; i++) {
    const v = yamlValue(doc, indent, depth, true);
    if (v.block !== undefined) {
      // A mapping or sequence as a list item: its first line goes after the dash.
      const block = v.block.split('\n');
      const first = block[0].trimStart();
      const rest = block.slice(1);
      lines.push(`${pad}- ${v.inline ? `${v.inline}\n${block[0]}` : first}`);
      lines.push(...rest);
    } else lines.push(`${pad}- ${v.inline}`);
  }
  return lines.join('\n');
}

function mutate(text) {
  const n = int(1, 2);
  let t = text;
  for (let i = 0; i < n; i++) {
    const at = int(0, t.length);
    t = weighted([
      [3, () => t.slice(0, at) + t.slice(at + 1)],
      [3, () => t.slice(0, at) + pick([' ', '\n', ':', '-', '#', "'", '"', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '?', '\t', '\\', '$']) + t.slice(at)],
      [1, () => {
        const lines = t.split('\n');
        const j = int(0, lines.length - 1);
        lines.splice(j, 0, lines[j]);
        return lines.join('\n');
      }],
      [1, () => t.replace(/\n {2}/, '\n ')],
    ]);
  }
  return t;
}

function genYamlText() {
  const doc = new YamlDoc();
  let text = weighted([
    [12, () => yamlMapping(doc, 0, 0)],
    [1, () => yamlSequence(doc, 0, 0)],
    [1, () => flowValue(0)],
  ]);
  if (chance(0.05)) text = `---\n${text}`;
  if (chance(0.03)) text = `%YAML 1.1\n---\n${text}`;
  if (chance(0.03)) text = `${text}\n...`;
  if (chance(0.05)) text = `# @package _global_\n${text}`;
  if (chance(0.1)) text = mutate(text);
  if (chance(0.05)) text = text.replace(/\n/g, '\r\n');
  return `${text}\n`;
}

// ---------------------------------------------------------------------------------------------
// Interpolations (grammar-aware, with a tree to point into)
// ---------------------------------------------------------------------------------------------

/** Paths of a spec tree: [{path: [...], parent: [...], kind}] (list indices as numbers). */
function treePaths(spec, prefix = [], out = []) {
  if (Array.isArray(spec)) {
    spec.forEach((v, i) => {
      out.push({ path: [...prefix, i], value: v });
      treePaths(v, [...prefix, i], out);
    });
  } else if (spec && typeof spec === 'object' && !('$float' in spec) && !('$int' in spec) && !('$dict' in spec) && !('$interp' in spec)) {
    for (const [k, v] of Object.entries(spec)) {
      out.push({ path: [...prefix, k], value: v });
      treePaths(v, [...prefix, k], out);
    }
  }
  return out;
}

function keyPathText(path) {
  let s = '';
  path.forEach((k, i) => {
    const form = typeof k === 'number' ? pick(['dot', 'bracket']) : chance(0.1) ? 'bracket' : 'dot';
    if (form === 'bracket') s += `[${k}]`;
    else s += i === 0 ? String(k) : `.${k}`;
  });
  return s;
}

let currentTree = null;
let currentAt = [];

/** A key path in an interpolation: absolute, relative to where the string sits, or made up. */
function keyRef() {
  const paths = currentTree ? treePaths(currentTree) : [];
  return weighted([
    [6, () => (paths.length ? keyPathText(pick(paths).path) : pick(['a', 'b']))],
    [3, () => {
      // Relative: `.x` is a sibling, each further dot goes one level up.
      const parent = currentAt.slice(0, -1);
      const up = int(0, Math.min(parent.length, 3) + (chance(0.2) ? 1 : 0));
      const base = parent.slice(0, parent.length - up);
      const below = paths.filter((p) => p.path.length > base.length && base.every((k, i) => p.path[i] === k));
      const target = below.length ? pick(below).path.slice(base.length) : [pick(['a', 'x', 'nope'])];
      return `${'.'.repeat(up + 1)}${keyPathText(target)}`;
    }],
    [1, () => pick(['nope', 'a.nope', 'a.b.c.d', '0', 'a[0]', 'a.0', '[a]', '[a].b', 'a[b]', 'a.-1', 'a[-1]', 'a.01', 'a- b', 'a-b', '$k', 'é'])],
    [1, () => `${pick(['a', 'b', ''])}${pick(['', '.'])}\${${pick(['k', 'a', 'b', '.k'])}}`],
  ]);
}

function argText(depth) {
  return weighted([
    [3, () => pick(['1', '-1', '+2', '1.5', '-1.5e3', '1e3', '1_0', '1_000.5', 'inf', '-inf', 'nan', 'NaN', '+.5', '0x1F', '017', '1.', '.5', '00', '1e', '10e-2'])],
    [2, () => pick(['true', 'False', 'TRUE', 'null', 'NULL', 'None', 'yes', 'on', '~'])],
    [4, () => pick(['a', 'abc', 'a b', ' a ', 'a-b', 'a.b', 'a/b', 'a\\,b', 'a\\ b', 'a\\:b', 'a\\\\b', '\\\\', 'a\\=b', 'a?b', 'a|b', 'a%b', 'a*b', 'a@b', '$x', 'é', 'x+y', 'a\\(b\\)', 'a\\[0\\]', 'a\\{b\\}', '${}', '\\${a}', 'a\\tb'])],
    [4, () => pick([`'${pick(['a, b', '', "it\\'s", 'x: y', '${a}', '\\${a}', '{a}', 'é', '\\\\', 'a\\b', '"', "\\\\'", '  ', 'a}b'])}'`, `"${pick(['a, b', '', 'say \\"hi\\"', '${a}', '\\${a}', 'x\\\\', "'", 'a}b'])}"`])],
    [3, () => (depth > 2 ? 'x' : interpolationText(depth + 1))],
    [2, () => (depth > 2 ? '[]' : `[${Array.from({ length: int(0, 3) }, () => argText(depth + 1)).join(pick([',', ', ', ' , ']))}]`)],
    [2, () => (depth > 2 ? '{}' : `{${Array.from({ length: int(0, 3) }, () => `${pick(['a', 'b', '1', 'true', 'null', 'a-b', 'a.b', 'x y', '1.5', 'a\\:b', 'é'])}${pick([':', ': ', ' : '])}${argText(depth + 1)}`).join(', ')}}`)],
  ]);
}

function resolverCall(depth) {
  const ws = () => (chance(0.15) ? pick([' ', '\t']) : '');
  return weighted([
    [4, () => `oc.select:${ws()}${keyRef()}${chance(0.5) ? `,${ws()}${argText(depth)}` : ''}`],
    [3, () => `oc.decode:${argText(depth)}`],
    [2, () => `oc.create:${pick([argText(depth), `{a: 1, b: ${argText(depth)}}`, '[1, ${a}]', "'{x: 1}'", '${b}'])}`],
    [2, () => `oc.env:${pick(ENV_NAMES)}${chance(0.4) ? `,${ws()}${argText(depth)}` : ''}`],
    [2, () => `oc.dict.${pick(['keys', 'values'])}:${ws()}${pick([keyRef(), `\${${keyRef()}}`, argText(depth)])}`],
    [1, () => `oc.deprecated:${keyRef()}${chance(0.3) ? `,${argText(depth)}` : ''}`],
    [4, () => `typed:${Array.from({ length: int(0, 3) }, () => argText(depth)).join(pick([',', ', ', ' ,']))}`],
    [1, () => `ident:${argText(depth)}`],
    [1, () => pick(['nope:1', 'oc.nope:x', 'typed:', 'typed:,', 'oc.env:', 'ns-x:1', 'oc.select:', 'oc.decode:', 'oc.decode:\'\'', 'typed: '])],
  ]);
}

function interpolationText(depth) {
  const ws = () => (chance(0.1) ? ' ' : '');
  return weighted([
    [5, () => `\${${ws()}${keyRef()}${ws()}}`],
    [4, () => `\${${ws()}${resolverCall(depth)}${ws()}}`],
    [1, () => `\${${keyRef().replace(/[^.]*$/, '')}\${${pick(['k', 'a', '.k', 'b'])}}}`],
  ]);
}

const TEXT_BITS = ['x', '_', '/', ' ', ':', '$', '{', '}', '\\', '\\\\', "'", '"', 'é', '.', ',', '\\${a}', '$${a}', '${', '\n', '-', '#', '[', ']', '(', ')'];

/** A string value: often an interpolation, sometimes text around several. */
function interpString(depth = 0) {
  return weighted([
    [4, () => interpolationText(depth)],
    [3, () => Array.from({ length: int(1, 4) }, () => (chance(0.5) ? interpolationText(depth) : pick(TEXT_BITS))).join('')],
    [1, () => {
      const s = interpolationText(depth);
      const at = int(0, s.length);
      return chance(0.5) ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + pick(['{', '}', '$', ':', "'", '"', '\\', ',', '[', ']', ' ', '.']) + s.slice(at);
    }],
  ]);
}

// ---------------------------------------------------------------------------------------------
// Spec trees (JSON form of configs: {$float}, {$int}, {$dict})
// ---------------------------------------------------------------------------------------------

function floatSpec() {
  const x = weighted([
    [3, () => pick([0, 1, -1, 0.5, 1.5, 100, 1e16, 1e-5, 1e22, 0.1, 2.5e-7, 123456.789, 1e300, 5e-324])],
    [2, () => (rnd() - 0.5) * 10 ** int(-8, 20)],
    [1, () => pick(['nan', 'inf', '-inf'])],
  ]);
  return { $float: x };
}

function scalarSpec() {
  return weighted([
    [4, () => int(-3, 100)],
    [1, () => ({ $int: pick(['9007199254740993', '-123456789012345678901234567890', '18446744073709551616']) })],
    [2, () => floatSpec()],
    [2, () => chance(0.5)],
    [2, null],
    [2, '???'],
    [4, () => pick([...WORDISH, ...NUMBERISH, ...BOOLISH])],
  ]);
}

/** A random config tree; strings hold interpolations into the same tree (filled in afterwards). */
function specTree(depth, keys = ['a', 'b', 'c', 'k', 'x', 'y']) {
  const make = (d) => {
    const kind = d >= 3 ? 'leaf' : weighted([[5, 'leaf'], [2, 'dict'], [1, 'list']]);
    if (kind === 'dict') {
      const out = {};
      const n = int(0, 4);
      for (let i = 0; i < n; i++) out[chance(0.9) ? pick(keys) : pick(KEYISH)] = make(d + 1);
      return out;
    }
    if (kind === 'list') return Array.from({ length: int(0, 3) }, () => make(d + 1));
    return chance(0.45) ? { $interp: true } : scalarSpec();
  };
  const root = {};
  const n = int(1, 5);
  for (let i = 0; i < n; i++) root[chance(0.9) ? pick(keys) : pick(KEYISH)] = make(depth + 1);
  return root;
}

/** Replace {$interp: true} placeholders with interpolation strings aimed at the tree. */
function fillInterpolations(tree) {
  currentTree = tree;
  const walk = (node, at) => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        if (v && typeof v === 'object' && v.$interp) {
          currentAt = [...at, i];
          node[i] = interpString();
        } else walk(v, [...at, i]);
      });
    } else if (node && typeof node === 'object' && !('$float' in node) && !('$int' in node)) {
      for (const [k, v] of Object.entries(node)) {
        if (v && typeof v === 'object' && v.$interp) {
          currentAt = [...at, k];
          node[k] = interpString();
        } else walk(v, [...at, k]);
      }
    }
  };
  walk(tree, []);
  // A key segment holder for `${a.${k}}` forms.
  if (!('k' in tree) && chance(0.5)) tree.k = pick(['a', 'b', 'x', 'a.b', '0', 'nope', '.a', 'c']);
  currentTree = null;
  return tree;
}

// ---------------------------------------------------------------------------------------------
// Case generators
// ---------------------------------------------------------------------------------------------

function toYamlFlow(spec) {
  // A spec as YAML (flow style, double-quoted strings) so that merges also go through the loader.
  if (spec === null) return 'null';
  if (typeof spec === 'boolean') return String(spec);
  if (typeof spec === 'number') return String(spec);
  if (typeof spec === 'string') return JSON.stringify(spec).replace(/\\u([0-9a-f]{4})/gi, (m) => m);
  if (Array.isArray(spec)) return `[${spec.map(toYamlFlow).join(', ')}]`;
  if ('$float' in spec) {
    const x = spec.$float;
    if (x === 'nan') return '.nan';
    if (x === 'inf') return '.inf';
    if (x === '-inf') return '-.inf';
    const s = String(x);
    return /[.e]/.test(s) ? (s.includes('e') && !s.includes('.') ? s.replace('e', '.0e') : s) : `${s}.0`;
  }
  if ('$int' in spec) return spec.$int;
  return `{${Object.entries(spec).map(([k, v]) => `${JSON.stringify(k)}: ${toYamlFlow(v)}`).join(', ')}}`;
}

const GENERATORS = {
  yaml: () => ({ op: 'load', src: { yaml: genYamlText() }, struct: chance(0.05) }),
  interp: () => {
    const tree = fillInterpolations(specTree(0));
    if (chance(0.1)) {
      // Interpolations in keys and in list items.
      tree[pick(['${a}', '${b}', 'x${a}', '\\${a}', '${oc.env:FUZZ_STR}'])] = interpString();
      tree.l = [interpString(), interpString()];
    }
    const extraGets = chance(0.2) ? [[pick(['nope', 'a', 'k'])], ['a', pick(['nope', 0, 'b'])]] : [];
    return { op: 'load', src: { spec: tree }, struct: chance(0.1), extraGets };
  },
  merge: () => {
    const keys = ['a', 'b', 'c', 'd'];
    const n = chance(0.6) ? 2 : 3;
    const srcs = [];
    for (let i = 0; i < n; i++) {
      const tree = fillInterpolations(specTree(1, keys));
      srcs.push(chance(0.3) ? { yaml: toYamlFlow(tree) } : { spec: tree });
    }
    if (chance(0.15)) srcs[int(1, n - 1)] = { spec: pick([[1, 2], { a: [1] }, { a: { x: 1 } }, { a: '???' }, { a: null }, { b: '${a}' }, { a: { b: '???' } }]) };
    return { op: 'merge', srcs, struct: chance(0.15) };
  },
  update: () => {
    const tree = fillInterpolations(specTree(0));
    const paths = treePaths(tree);
    const updates = [];
    const n = int(1, 3);
    for (let i = 0; i < n; i++) {
      const key = weighted([
        [5, () => (paths.length ? keyPathText(pick(paths).path) : 'a')],
        [2, () => `${paths.length ? keyPathText(pick(paths).path) : 'a'}.${pick(['new', 'x', '0', 'deep.er'])}`],
        // Not '' or keys with empty segments ('a.', '.a', 'a..b'): OmegaConf makes '' keys of
        // them, tydra rejects them, and Hydra's override grammar cannot produce them.
        [1, () => pick(['new', 'a.b.c', 'a[5]', 'a.5', 'a[-1]', 'a[x]', 'a[0].b', '[a]', 'a-b', 'é', 'a b'])],
      ]);
      const value = weighted([
        [4, () => scalarSpec()],
        [2, () => interpString()],
        [2, () => ({ [pick(['x', 'a', 'b'])]: scalarSpec(), ...(chance(0.5) ? { y: { z: scalarSpec() } } : {}) })],
        [1, () => [scalarSpec(), scalarSpec()]],
        [1, () => ({})],
      ]);
      updates.push({ key, value, merge: chance(0.6), forceAdd: chance(0.3) });
    }
    return { op: 'update', src: { spec: tree }, updates, struct: chance(0.3), readonly: chance(0.05) };
  },
  select: () => {
    const tree = fillInterpolations(specTree(0));
    const paths = treePaths(tree);
    const key = weighted([
      [5, () => (paths.length ? keyPathText(pick(paths).path) : 'a')],
      [2, () => `${pick(['.', '..', ''])}${paths.length ? keyPathText(pick(paths).path) : 'a'}`],
      [1, () => pick(['', 'nope', 'a.nope.b', 'a[0]', 'a.0', '[a]', 'a[b]', 'a.b.c', '.', '..a', 'a-b', '${a}'])],
    ]);
    const req = { op: 'select', src: { spec: tree }, key, throwOnMissing: chance(0.3) };
    if (chance(0.4)) req.default = scalarSpec();
    return req;
  },
  toyaml: () => {
    const str = () =>
      weighted([
        [3, () => pick([...WORDISH, ...NUMBERISH, ...BOOLISH, ...NULLISH])],
        [3, () => randomString()],
        [1, () => Array.from({ length: int(10, 30) }, () => pick(['word', 'x:', 'a b', '#c', "it's", '"q"', 'é', '-', 'longerword'])).join(pick([' ', '  ', ' ']))],
        [1, () => `${pick(WORDISH)}\n${pick(WORDISH)}${chance(0.5) ? '\n' : ''}`],
      ]);
    const tree = {};
    const n = int(1, 5);
    for (let i = 0; i < n; i++) {
      const k = chance(0.7) ? pick(['a', 'b', 'c', 'd', 'e']) : str();
      tree[k] = weighted([
        [6, str],
        [1, () => [str(), str()]],
        [1, () => ({ [str()]: str() })],
        [1, () => floatSpec()],
        [1, () => [[str()], {}, []]],
      ]);
    }
    return { op: 'load', src: { spec: tree }, gets: false };
  },
};

function randomString() {
  const alphabet = [
    'a', 'b', ' ', ' ', ':', '#', '-', '?', "'", '"', '\\', '\n', '\t', '\r', '{', '}', '[', ']', ',', '!', '&', '*', '%', '@', '`', '|', '>', '=', '~', '.',
    '0', '1', 'e', '_', 'é', '日', '\u00a0', '\u0085', '\u2028', '\ufeff', '\x00', '\x07', '\x1b', '\x7f', '\u200b', '🙂', '$', '{', 'y', 'n',
  ];
  return Array.from({ length: int(0, 8) }, () => pick(alphabet)).join('');
}

// ---------------------------------------------------------------------------------------------
// Running both sides
// ---------------------------------------------------------------------------------------------

async function loadTydra() {
  const dir = mkdtempSync(join(tmpdir(), 'tydra-ocdiff-'));
  const outfile = join(dir, 'entry.mjs');
  await build({
    entryPoints: [join(here, 'omegaconf-differential', 'tydra-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const mod = await import(pathToFileURL(outfile).href);
  rmSync(dir, { recursive: true, force: true });
  return mod;
}

function runPython(python, requests) {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [join(here, 'omegaconf-oracle.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean);
      if (code !== 0 || lines.length !== requests.length) reject(new Error(`omegaconf-oracle.py exited ${code} with ${lines.length}/${requests.length} answers`));
      else resolve(lines.map((l) => JSON.parse(l)));
    });
    child.stdin.end(requests.map((r) => JSON.stringify(r)).join('\n') + '\n');
  });
}

// ---------------------------------------------------------------------------------------------
// Comparing
// ---------------------------------------------------------------------------------------------

/** Strings that the case holds (for the accepted-difference checks). */
function caseStrings(req) {
  const out = [];
  const walk = (x) => {
    if (typeof x === 'string') out.push(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) (out.push(k), walk(v));
  };
  walk(req);
  return out;
}

/** Differences known to come from OmegaConf 2.2 (installed) vs 2.3 (the target). */
function knownVersionDifference(req) {
  // 2.3 (#880) allows '-' in resolver names: `${ns-x:1}` parses in 2.3, not in 2.2.
  return caseStrings(req).some((s) => /\$\{\s*[A-Za-z_][\w.]*-[\w.-]*\s*:/.test(s) || /\$\{\s*[A-Za-z_][\w-]*(\.[\w-]+)*-/.test(s) && /:/.test(s));
}

function same(a, b) {
  if (a === undefined || b === undefined) return a === b;
  if ('v' in a || 'v' in b) return 'v' in a && 'v' in b && a.v === b.v;
  return a.e === b.e;
}

function accepted(field, py, ts, req) {
  // A value that reaches itself through a longer path (`${oc.select:''}`, `c: ${.c.x}`): OmegaConf
  // overflows the stack (RecursionError, wrapped when a resolver or key walk was under way),
  // tydra reports a cycle (docs/interpolation.md).
  const overflow = (o) => o && (o.e === 'recursion' || (o.e === 'interp' && /^RecursionError raised/.test(o.msg)));
  if (overflow(py) && ts && ts.e === 'cycle') return true;
  if (!py || !ts || 'v' in py || 'v' in ts) return false;
  // Reading below a scalar or a list by name (`cfg.a.b` with a: true or a list): Python's own
  // TypeError, or OmegaConf's KeyValidationError, where tydra raises a ConfigTypeError.
  if (field === 'get' && ['TypeError', 'AttributeError', 'key-validation'].includes(py.e) && ts.e === 'type') return true;
  // OmegaConf.update / select through a list with a key that is not an index: Python's own
  // TypeError or ValueError, tydra's ConfigTypeError.
  if (field === 'op' && ['TypeError', 'ValueError'].includes(py.e) && ts.e === 'type') return true;
  // A file that cannot be loaded: PyYAML's constructors raise plain Python errors (ValueError for
  // `!!int x`, KeyError for `!!bool x`, ...), OmegaConf.load raises OSError for a top-level
  // number and KeyValidationError for a null key; tydra raises ConfigLoadError for all of them.
  const loadKinds = ['load', 'ValueError', 'AttributeError', 'key', 'TypeError', 'OSError', 'AssertionError', 'key-validation', 'OverflowError', 'recursion'];
  if (field === 'load' && loadKinds.includes(py.e) && ['load', 'not-a-container'].includes(ts.e)) return true;
  return false;
}

/** Documented differences that change the outcome (not only the error class). */
function documentedDifference(req, py, ts) {
  // `!!binary` values: OmegaConf 2.2+ holds bytes, tydra has no bytes type and rejects the tag.
  if (ts.load && /tag:yaml\.org,2002:binary/.test(ts.load.msg)) return true;
  return false;
}

function compare(req, py, ts) {
  const diffs = [];
  const add = (field, p, t) => diffs.push({ field, py: p, ts: t });
  if (py.crash) return [{ field: 'python-crash', py: py.crash, ts: undefined }];
  if (documentedDifference(req, py, ts)) return [];
  for (const stage of ['load', 'op']) {
    if (py[stage] || ts[stage]) {
      if (!same(py[stage], ts[stage]) && !accepted(stage, py[stage], ts[stage], req)) add(stage, py[stage], ts[stage]);
      return diffs;
    }
  }
  if (req.op === 'select') {
    if (!same(py.select, ts.select)) add('select', py.select, ts.select);
    return diffs;
  }
  for (const field of ['raw', 'resolved']) if (!same(py[field], ts[field]) && !accepted(field, py[field], ts[field], req)) add(field, py[field], ts[field]);
  if (JSON.stringify(py.warnings ?? []) !== JSON.stringify(ts.warnings ?? []) && same(py.resolved, ts.resolved)) add('warnings', py.warnings, ts.warnings);
  if (py.gets && ts.gets) {
    const tsGets = new Map(ts.gets.map(([p, o]) => [JSON.stringify(p), o]));
    for (const [p, o] of py.gets) {
      const key = JSON.stringify(p);
      const t = tsGets.get(key);
      if (!same(o, t) && !accepted('get', o, t, req)) add(`get ${key}`, o, t);
    }
  }
  if (py.yaml && ts.yaml && !same(py.yaml, ts.yaml)) add('yaml', py.yaml, ts.yaml);
  return diffs;
}

/** The kind of a difference, for grouping: field and the two outcome kinds. */
function signature(d) {
  const kind = (o) => (o === undefined ? 'absent' : 'v' in o ? 'value' : o.e);
  const field = d.field.startsWith('get ') ? 'get' : d.field;
  return `${field}: omegaconf ${kind(d.py)} / tydra ${kind(d.ts)}`;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const tydra = await loadTydra();
  rnd = tydra.mulberry32(opts.seed);
  const started = Date.now();
  const groups = new Map();
  const versionDiffs = [];
  const acceptedYaml = { count: 0 };
  let total = 0;
  let failing = 0;
  const byKind = Object.fromEntries(opts.kinds.map((k) => [k, { cases: 0, failing: 0 }]));

  const makeBatch = (n) =>
    Array.from({ length: n }, () => {
      const kind = pick(opts.kinds);
      return { kind, req: GENERATORS[kind]() };
    });

  let next = makeBatch(Math.min(opts.batch, opts.cases));
  let pending = runPython(opts.python, next.map((c) => c.req));
  while (next.length > 0) {
    const batch = next;
    const pyPromise = pending;
    const remaining = opts.cases - total - batch.length;
    next = remaining > 0 ? makeBatch(Math.min(opts.batch, remaining)) : [];
    pending = next.length > 0 ? runPython(opts.python, next.map((c) => c.req)) : undefined;
    const tsAnswers = batch.map((c) => tydra.handle(structuredClone(c.req)));
    const pyAnswers = await pyPromise;
    // to_yaml texts that differ: accepted when the difference is a documented one and tydra's
    // text reads back in OmegaConf as the same config.
    const recheck = [];
    const results = batch.map((c, i) => {
      const py = pyAnswers[i];
      const ts = tsAnswers[i];
      let diffs = compare(c.req, py, ts);
      const yamlDiff = diffs.find((d) => d.field === 'yaml');
      if (yamlDiff && 'v' in (yamlDiff.ts ?? {}) && 'v' in (py.raw ?? {})) {
        // Multi-line strings (a `\n` escape in the repr), NEL/LS/PS, or text OmegaConf cannot read back.
        const documented = py.yamlRoundtrip === false || /(^|[^\\])(\\\\)*\\(n|x85|u2028|u2029)/.test(py.raw.v);
        if (documented) recheck.push({ i, text: yamlDiff.ts.v, raw: py.raw.v });
      }
      return { c, py, ts, diffs };
    });
    if (recheck.length > 0) {
      const back = await runPython(opts.python, recheck.map((r) => ({ op: 'roundtrip', text: r.text })));
      recheck.forEach((r, j) => {
        if (back[j].v === r.raw) {
          results[r.i].diffs = results[r.i].diffs.filter((d) => d.field !== 'yaml');
          acceptedYaml.count++;
        }
      });
    }
    for (const { c, py, ts, diffs } of results) {
      total++;
      byKind[c.kind].cases++;
      if (diffs.length === 0) continue;
      if (knownVersionDifference(c.req)) {
        versionDiffs.push({ req: c.req, diffs });
        continue;
      }
      failing++;
      byKind[c.kind].failing++;
      for (const d of diffs) {
        const sig = `${c.kind} | ${signature(d)}`;
        const g = groups.get(sig) ?? { count: 0, examples: [] };
        g.count++;
        g.examples.push({ req: c.req, diff: d, size: JSON.stringify(c.req).length });
        g.examples.sort((a, b) => a.size - b.size);
        g.examples.length = Math.min(g.examples.length, Math.max(opts.examples, 10));
        groups.set(sig, g);
      }
    }
    process.stderr.write(`\r${total}/${opts.cases} cases, ${failing} with differences`);
  }
  process.stderr.write('\n');

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`OmegaConf differential: ${total} cases (seed ${opts.seed}) in ${seconds} s`);
  for (const [k, v] of Object.entries(byKind)) console.log(`  ${k.padEnd(7)} ${String(v.cases).padStart(6)} cases, ${v.failing} with differences`);
  console.log(`  to_yaml texts accepted as documented differences (read back the same in OmegaConf): ${acceptedYaml.count}`);
  console.log(`  cases set aside as OmegaConf 2.2 vs 2.3 (resolver names with '-'): ${versionDiffs.length}`);
  const sorted = [...groups.entries()].sort((a, b) => b[1].count - a[1].count);
  for (const [sig, g] of sorted) {
    console.log(`\n== ${sig}  (${g.count})`);
    for (const ex of g.examples.slice(0, opts.examples)) {
      console.log(`  case: ${JSON.stringify(ex.req)}`);
      console.log(`    ${ex.diff.field}`);
      console.log(`    omegaconf: ${JSON.stringify(ex.diff.py)}`);
      console.log(`    tydra:     ${JSON.stringify(ex.diff.ts)}`);
    }
  }
  if (opts.out) {
    writeFileSync(opts.out, JSON.stringify({ total, failing, groups: Object.fromEntries(sorted), versionDiffs: versionDiffs.slice(0, 200) }, null, 1));
    console.log(`\nwrote ${opts.out}`);
  }
  console.log(`\n${total - failing} passed, ${failing} failed`);
  process.exitCode = failing > 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
