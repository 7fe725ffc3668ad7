/**
 * The command line of `tydra run`, rendered with Handlebars: each argument is a template over
 * the resolved config and the run context (`--lr {{optimizer.lr}} --out {{run.dir}}`).
 *
 * Values are written the way Python and Hydra read them back: floats in Python's repr (`1.0`,
 * `1e-08`), lists and dicts as JSON (`[0.9, 0.999]`). A key that is neither in the config nor in
 * the run context is an error naming the argument and the closest key, never an empty string.
 */
import Handlebars from 'handlebars';
import type { Node } from '../config/nodes.js';
import { toJson } from '../config/output/to-json.js';
import { closestMatch, TydraError } from '../errors.js';
import { floatRepr } from '../python/float-repr.js';

/** A float that prints as Python prints it (`1.0`) and is a number to JSON and arithmetic. */
class PyFloat {
  constructor(readonly value: number) {}
  toString(): string {
    return floatRepr(this.value);
  }
  toJSON(): number {
    return this.value;
  }
  // Handlebars concatenates (`'' + value`, the "default" hint): that must give the Python text.
  [Symbol.toPrimitive](hint: string): string | number {
    return hint === 'number' ? this.value : floatRepr(this.value);
  }
}

type TemplateValue = unknown;

/** A command template that cannot be rendered; the job's log shows its message and hint, not a stack. */
export class CommandTemplateError extends TydraError {
  constructor(message: string, options?: { hint?: string }) {
    super(message, options);
    this.name = 'CommandTemplateError';
    this.stack = `${message}${options?.hint ? `\nHint: ${options.hint}` : ''}`;
  }
}

/**
 * The data a template sees for a config tree: plain objects and arrays (for `#each`), floats
 * that print like Python's, and containers that print as JSON.
 */
export function templateData(node: Node): TemplateValue {
  if (node.kind === 'value') {
    if (node.type === 'float') return new PyFloat(node.value as number);
    return node.value;
  }
  const json = toJson(node, { indent: 0 });
  const out: TemplateValue = node.kind === 'list' ? node.items.map(templateData) : Object.fromEntries([...node.entries].map(([k, v]) => [k, templateData(v)]));
  Object.defineProperty(out, 'toString', { value: () => json, enumerable: false });
  return out;
}

const hb = Handlebars.create();
hb.registerHelper('json', (value: unknown) => {
  if (value === undefined) throw new Error('json: the value is not defined');
  return JSON.stringify(value);
});
hb.registerHelper('join', (value: unknown, sep: unknown) => {
  if (!Array.isArray(value)) throw new Error('join: the value is not a list');
  return value.map(String).join(typeof sep === 'string' ? sep : ' ');
});
hb.registerHelper('default', (value: unknown, fallback: unknown) => (value === undefined || value === null ? fallback : value));

/** Paths a template reads at the top level (inside blocks the context changes: Handlebars checks those). */
function topLevelPaths(ast: hbs.AST.Program): { path: string; parts: string[]; column: number }[] {
  const out: { path: string; parts: string[]; column: number }[] = [];
  const add = (e: hbs.AST.Expression | undefined, column: number) => {
    if (e?.type !== 'PathExpression') return;
    const p = e as hbs.AST.PathExpression;
    if (p.data || p.depth > 0 || p.original === 'this' || p.original.startsWith('this.')) return;
    out.push({ path: p.original, parts: p.parts, column });
  };
  for (const s of ast.body) {
    if (s.type !== 'MustacheStatement' && s.type !== 'BlockStatement') continue;
    const m = s as hbs.AST.MustacheStatement;
    const isHelper = m.params.length > 0 || s.type === 'BlockStatement';
    const helper = m.path.type === 'PathExpression' ? (m.path as hbs.AST.PathExpression).original : '';
    if (!isHelper) add(m.path, m.loc.start.column);
    else if (helper !== 'default') for (const p of m.params) add(p, m.loc.start.column);
  }
  return out;
}

function dig(data: unknown, parts: readonly string[]): unknown {
  let v = data;
  for (const k of parts) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function keysOf(data: unknown, prefix = '', out: string[] = [], depth = 0): string[] {
  if (data === null || typeof data !== 'object' || data instanceof PyFloat || depth > 12) return out;
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    out.push(key);
    if (!Array.isArray(v)) keysOf(v, key, out, depth + 1);
  }
  return out;
}

/**
 * Render each argument of a command template.
 * @example renderCommand(['python', 'train.py', '--lr', '{{optimizer.lr}}'], data) // ['python', 'train.py', '--lr', '0.01']
 */
export function renderCommand(template: readonly string[], data: Record<string, unknown>): string[] {
  let known: string[] | undefined;
  return template.map((arg, i) => {
    if (!arg.includes('{{')) return arg;
    let ast: hbs.AST.Program;
    try {
      ast = hb.parse(arg);
    } catch (e) {
      throw new CommandTemplateError(`Command argument ${i + 1} is not a valid template: ${arg}\n${(e as Error).message}`);
    }
    for (const p of topLevelPaths(ast)) {
      if (dig(data, p.parts) !== undefined) continue;
      known ??= keysOf(data);
      const guess = closestMatch(p.path, known);
      throw new CommandTemplateError(`Command argument ${i + 1} '${arg}': '{{${p.path}}}' is not in the config or the run context`, {
        hint: guess ? `did you mean '{{${guess}}}'?` : 'the template sees the resolved config and run.dir, run.id, job.name, job.num, job.id, job.override_dirname, hydra.*',
      });
    }
    try {
      return hb.compile(arg, { noEscape: true, strict: true })(data);
    } catch (e) {
      throw new CommandTemplateError(`Command argument ${i + 1} '${arg}' cannot be rendered: ${(e as Error).message}`);
    }
  });
}
