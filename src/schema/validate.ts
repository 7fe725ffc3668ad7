/**
 * Validating a composition: first every stored schema at the package its config was merged at
 * (Hydra's schema extension: `defaults: [base_mysql, _self_]` in `db/mysql.yaml` checks `db`),
 * then the app's schema over the whole job config. All issues are collected before throwing.
 *
 * Zod is never imported here: the schemas carry their own `safeParse`, so composing with a
 * schema costs nothing at start-up beyond the app's own `import { z } from 'zod'`.
 *
 * @example
 * const config = validateConfig(composeTree({ configDir: 'conf', configName: 'config' }), Config);
 */
import { type Composition, resolvedJobConfig } from '../compose/compose.js';
import { MISSING } from '../config/nodes.js';
import { TydraError } from '../errors.js';
import { type ConfigIssue, ConfigValidationError } from './errors.js';
import { type RawIssue, toConfigIssues } from './issues.js';
import { isSchema } from './schema-tree.js';
import type { ConfigOf, ConfigSchema } from './types.js';

type ParseResult = { success: true; data: unknown } | { success: false; error: { issues: readonly RawIssue[] } };

interface Parseable {
  safeParse(value: unknown): ParseResult;
  safeParseAsync(value: unknown): Promise<ParseResult>;
}

/** A stored schema and where its config landed. */
export interface SchemaTarget {
  schema: ConfigSchema;
  /** The package as a key path (`[]` is the root of the job config). */
  path: string[];
  /** The config path of the stored schema, e.g. `db/base_mysql`. */
  label: string;
}

/** The stored schemas in a composition's defaults list, with the packages they were merged at. */
export function storedSchemas(c: Composition): SchemaTarget[] {
  const out: SchemaTarget[] = [];
  const seen = new Set<string>();
  for (const d of c.defaultsList) {
    const loaded = c.repository.load(d.configPath) as { schema?: unknown } | undefined;
    const schema = loaded?.schema;
    if (schema === undefined) continue;
    const path = d.package === '' ? [] : d.package.split('.');
    if (path[0] === 'hydra') continue;
    const key = `${d.configPath}\u0000${d.package}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!isSchema(schema)) throw new TydraError(`The schema stored as '${d.configPath}' is not a zod 4 schema`);
    out.push({ schema, path, label: d.configPath });
  }
  return out;
}

/** True when validating `c` would run any schema. */
export function needsValidation(c: Composition, schema: unknown): boolean {
  return schema !== undefined || storedSchemas(c).length > 0;
}

interface ParseRequest {
  schema: ConfigSchema;
  value: unknown;
}

function getAt(data: unknown, path: readonly string[]): unknown {
  let v = data;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function setAt(data: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  if (path.length === 0) return value as Record<string, unknown>;
  let v: unknown = data;
  for (const k of path.slice(0, -1)) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  if (v !== null && typeof v === 'object') (v as Record<string, unknown>)[path[path.length - 1] as string] = value;
  return data;
}

/**
 * The data a schema sees: `???` (a mandatory value nobody set) is an absent key, so a schema
 * default fills it, an optional field accepts it, and a required one reports it.
 */
function withoutMissing(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === MISSING ? undefined : withoutMissing(v)));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== MISSING) out[k] = withoutMissing(v);
  return out;
}

/** The steps of a validation; driven synchronously or asynchronously (async refinements). */
function* pipeline(c: Composition, schema: ConfigSchema | undefined): Generator<ParseRequest, unknown, ParseResult> {
  let data = resolvedJobConfig(c);
  const issues: ConfigIssue[] = [];
  for (const target of storedSchemas(c)) {
    const r = yield { schema: target.schema, value: withoutMissing(getAt(data, target.path)) };
    if (r.success) data = setAt(data, target.path, r.data);
    else issues.push(...toConfigIssues(r.error.issues, { composition: c, data, base: target.path, schema: target.schema, label: target.label }));
  }
  if (schema !== undefined) {
    if (!isSchema(schema)) throw new TydraError('compose: `schema` must be a zod 4 schema');
    const r = yield { schema, value: withoutMissing(data) };
    if (r.success) data = r.data as Record<string, unknown>;
    else {
      // A stored schema already reported these keys; the app's schema would only repeat them.
      const reported = new Set(issues.map((i) => i.key));
      for (const i of toConfigIssues(r.error.issues, { composition: c, data, base: [], schema })) if (!reported.has(i.key)) issues.push(i);
    }
  }
  if (issues.length > 0) throw new ConfigValidationError(issues);
  return data;
}

function parser(schema: ConfigSchema): Parseable {
  const p = schema as unknown as Partial<Parseable>;
  if (typeof p.safeParse !== 'function' || typeof p.safeParseAsync !== 'function') {
    throw new TydraError('a schema must have safeParse/safeParseAsync (zod 4 classic or zod/mini)');
  }
  return p as Parseable;
}

/**
 * The resolved job config of a composition, validated against the stored schemas in its
 * defaults list and against `schema`; throws `ConfigValidationError` listing every issue.
 * With a schema the result is the schema's output (defaults filled, coercions applied).
 */
export function validateConfig<S extends ConfigSchema | undefined = undefined>(composition: Composition, schema?: S): ConfigOf<S> {
  const steps = pipeline(composition, schema);
  let step = steps.next();
  while (!step.done) {
    let result: ParseResult;
    try {
      result = parser(step.value.schema).safeParse(step.value.value);
    } catch (e) {
      if (e instanceof Error && e.constructor.name === '$ZodAsyncError') {
        throw new TydraError('the schema has async checks (async refine/transform): use `await compose(...)` or validateConfigAsync', { cause: e });
      }
      throw e;
    }
    step = steps.next(result);
  }
  return step.value as ConfigOf<S>;
}

/** Like `validateConfig`, for schemas with async refinements or transforms. */
export async function validateConfigAsync<S extends ConfigSchema | undefined = undefined>(composition: Composition, schema?: S): Promise<ConfigOf<S>> {
  const steps = pipeline(composition, schema);
  let step = steps.next();
  while (!step.done) step = steps.next(await parser(step.value.schema).safeParseAsync(step.value.value));
  return step.value as ConfigOf<S>;
}
