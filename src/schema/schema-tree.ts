/**
 * Reading a zod 4 schema's structure without importing zod: every zod 4 schema (classic or mini)
 * carries its definition in `schema._zod.def`. Validation, defaults and key hints only need to
 * walk that, so `compose()` with a schema never loads zod itself (the app already has).
 */
import type { ConfigSchema } from './types.js';

/** The parts of a zod 4 definition we read. */
export interface SchemaDef {
  readonly type: string;
  readonly [field: string]: unknown;
}

interface SchemaLike {
  readonly _zod: { readonly def: SchemaDef };
}

/** True for a zod 4 schema (classic or mini). */
export function isSchema(value: unknown): value is ConfigSchema {
  if (value === null || typeof value !== 'object') return false;
  const internals = (value as { _zod?: { def?: { type?: unknown } } })._zod;
  return typeof internals?.def?.type === 'string';
}

export function defOf(schema: ConfigSchema): SchemaDef {
  return (schema as unknown as SchemaLike)._zod.def;
}

function child(def: SchemaDef, field: string): ConfigSchema | undefined {
  const s = def[field];
  return isSchema(s) ? s : undefined;
}

/** Wrappers that do not change which keys a value has. */
const WRAPPERS = new Set(['optional', 'exact_optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'success']);

/** The schema under wrappers (`optional`, `default`, `lazy`, the input side of a pipe, …). */
export function unwrap(schema: ConfigSchema): ConfigSchema {
  let s = schema;
  for (let i = 0; i < 64; i++) {
    const def = defOf(s);
    let next: ConfigSchema | undefined;
    if (WRAPPERS.has(def.type)) next = child(def, 'innerType');
    else if (def.type === 'lazy') next = typeof def.getter === 'function' ? (def.getter as () => ConfigSchema)() : undefined;
    else if (def.type === 'pipe') {
      // `z.string().transform(f)` is a pipe into a transform: its shape is the input side.
      const input = child(def, 'in');
      next = input && defOf(input).type !== 'transform' ? input : child(def, 'out');
    }
    if (!next) return s;
    s = next;
  }
  return s;
}

/** Options of a (discriminated) union. */
export function unionOptions(schema: ConfigSchema): ConfigSchema[] {
  const def = defOf(unwrap(schema));
  if (def.type !== 'union' || !Array.isArray(def.options)) return [];
  return (def.options as unknown[]).filter(isSchema);
}

/** The object shape of a schema, or undefined when it is not an object. */
export function shapeOf(schema: ConfigSchema): Record<string, ConfigSchema> | undefined {
  const def = defOf(unwrap(schema));
  if (def.type !== 'object' || def.shape === null || typeof def.shape !== 'object') return undefined;
  return def.shape as Record<string, ConfigSchema>;
}

/** The values a literal or enum accepts (undefined for anything else). */
export function literalValues(schema: ConfigSchema): unknown[] | undefined {
  const def = defOf(unwrap(schema));
  if (def.type === 'literal' && Array.isArray(def.values)) return def.values as unknown[];
  if (def.type === 'enum' && def.entries && typeof def.entries === 'object') return Object.values(def.entries as object);
  return undefined;
}

/** For a union, the option that `value` selects: by the discriminator, else the first with the key. */
function pickOption(options: ConfigSchema[], discriminator: unknown, value: unknown, key: string | number | undefined): ConfigSchema | undefined {
  if (typeof discriminator === 'string' && value !== null && typeof value === 'object') {
    const tag = (value as Record<string, unknown>)[discriminator];
    for (const o of options) {
      const shape = shapeOf(o);
      const d = shape?.[discriminator];
      if (d && literalValues(d)?.includes(tag)) return o;
    }
  }
  if (key === undefined) return undefined;
  return options.find((o) => shapeOf(o)?.[String(key)] !== undefined);
}

/**
 * The sub-schema at a key path, following objects, arrays, records, tuples and unions (a union
 * option is picked by its discriminator in `data`, the value being validated, when given).
 */
export function schemaAt(schema: ConfigSchema, path: readonly (string | number)[], data?: unknown): ConfigSchema | undefined {
  let s: ConfigSchema | undefined = schema;
  let value = data;
  for (const key of path) {
    if (!s) return undefined;
    s = unwrap(s);
    let def = defOf(s);
    if (def.type === 'union') {
      const picked = pickOption(unionOptions(s), def.discriminator, value, key);
      if (!picked) return undefined;
      s = unwrap(picked);
      def = defOf(s);
    }
    switch (def.type) {
      case 'object': {
        const shape = def.shape as Record<string, ConfigSchema>;
        s = Object.hasOwn(shape, String(key)) ? shape[String(key)] : child(def, 'catchall');
        break;
      }
      case 'array':
        s = child(def, 'element');
        break;
      case 'record':
        s = child(def, 'valueType');
        break;
      case 'tuple': {
        const items = Array.isArray(def.items) ? (def.items as ConfigSchema[]) : [];
        s = items[Number(key)] ?? child(def, 'rest');
        break;
      }
      default:
        return undefined;
    }
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[String(key)] : undefined;
  }
  return s;
}

/** The keys an object schema at `path` declares (for "did you mean"). */
export function knownKeys(schema: ConfigSchema, path: readonly (string | number)[], data?: unknown): string[] {
  const at = schemaAt(schema, path, data);
  if (!at) return [];
  const s = unwrap(at);
  if (defOf(s).type === 'union') {
    let value = data;
    for (const k of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[String(k)] : undefined;
    const picked = pickOption(unionOptions(s), defOf(s).discriminator, value, undefined);
    return picked ? Object.keys(shapeOf(picked) ?? {}) : [];
  }
  return Object.keys(shapeOf(s) ?? {});
}
