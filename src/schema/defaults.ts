/**
 * The config node a stored schema contributes to a composition, as a dataclass does in Hydra:
 * every field with a default gets it, a single-value literal (`kind: z.literal('adam')`) gets
 * that value, other required fields are `???` (missing, to be filled by a YAML file or an
 * override), and optional fields without a default are left out.
 *
 * The `???` placeholders are what let `db.port=3306` override a key that only the schema
 * declares (the composed config is in struct mode), exactly like a structured config in Hydra.
 */
import { mergeInto } from '../config/merge.js';
import { DictNode, MISSING, type Node, ValueNode, nodeFromJs } from '../config/nodes.js';
import type { Source } from '../config/source.js';
import { TydraError } from '../errors.js';
import { defOf, isSchema, unwrap } from './schema-tree.js';
import type { ConfigSchema } from './types.js';

/** Top-level schema types that describe a mapping. */
const MAPPINGS = new Set(['object', 'union', 'record', 'intersection', 'any', 'unknown']);

/** The node for a stored schema; `name` (e.g. `store://db/base_mysql`) becomes its provenance. */
export function schemaDefaults(schema: unknown, name: string): DictNode {
  if (!isSchema(schema)) {
    throw new TydraError(`ConfigStore: the schema of '${name}' is not a zod 4 schema`, {
      hint: "build it with `import { z } from 'zod'` (zod 4), e.g. z.object({ port: z.number().default(5432) })",
    });
  }
  const src: Source = { kind: 'code', name: `schema ${name}` };
  const type = defOf(unwrap(schema)).type;
  if (!MAPPINGS.has(type)) throw new TydraError(`ConfigStore: the schema of '${name}' must describe a mapping (a z.object), not a ${type}`);
  const node = defaultsOf(schema, src, 0);
  // A union or a record has no single shape to contribute: only validation.
  if (node === undefined || node === 'missing' || node.kind !== 'dict') return new DictNode(undefined, src);
  return node;
}

/** A node, `'missing'` (required without a default: `???`) or undefined (leave the key out). */
function defaultsOf(schema: ConfigSchema, src: Source, depth: number): Node | 'missing' | undefined {
  if (depth > 32) return 'missing';
  const def = defOf(schema);
  switch (def.type) {
    case 'default':
    case 'prefault': {
      const value = def.defaultValue;
      const inner = isSchema(def.innerType) ? defaultsOf(def.innerType, src, depth + 1) : undefined;
      const given = nodeFromJs(value, src);
      // `z.object({ lr: z.number().default(0.1) }).default({})`: the inner defaults, then the given value.
      if (inner !== undefined && inner !== 'missing' && inner.kind === 'dict' && given.kind === 'dict') {
        mergeInto(inner, given);
        return inner;
      }
      return given;
    }
    case 'optional':
    case 'exact_optional':
      return undefined;
    case 'nullable':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return isSchema(def.innerType) ? defaultsOf(def.innerType, src, depth + 1) : 'missing';
    case 'lazy':
    case 'pipe': {
      const inner = unwrap(schema);
      return inner === schema ? 'missing' : defaultsOf(inner, src, depth + 1);
    }
    case 'object': {
      const d = new DictNode(undefined, src);
      for (const [key, field] of Object.entries(def.shape as Record<string, ConfigSchema>)) {
        const v = defaultsOf(field, src, depth + 1);
        if (v === undefined) continue;
        d.entries.set(key, v === 'missing' ? new ValueNode('str', MISSING, src) : v);
      }
      return d;
    }
    case 'literal': {
      const values = def.values as unknown[];
      const only = values.length === 1 ? values[0] : undefined;
      if (values.length === 1 && (only === null || ['string', 'number', 'boolean'].includes(typeof only))) return nodeFromJs(only, src);
      return 'missing';
    }
    default:
      return 'missing';
  }
}
