/**
 * JSON Schema for YAML editors (draft-07, what the YAML language server reads best), one per
 * config group and one for the primary config.
 *
 * Editor schemas describe a *file*, not the composed config: no key is required (other files
 * and the schema's defaults fill them), every value may be an interpolation or `???`, and a
 * `defaults` list is allowed, with the group option names as enums. Without a zod schema the
 * shapes are derived from the conf tree: a group matches any of its options (each one titled by
 * its name), the primary config has the composed default config's shape.
 */
import type { Composition } from '../compose/compose.js';
import { jobTree } from '../compose/compose.js';
import type { Node } from '../config/nodes.js';
import type { ConfigRepository } from '../repository/repository.js';
import { type GroupInfo, listGroups, optionContent } from './conf-tree.js';

export type JsonSchema = { [key: string]: unknown };

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** `${...}` or `???`: allowed wherever a value is. */
const INTERPOLATION: JsonSchema = {
  description: 'an interpolation (${key}, ${resolver:args}) or ??? (a mandatory value set elsewhere)',
  anyOf: [{ type: 'string', pattern: '\\$\\{' }, { const: '???' }],
};
const INTERPOLATION_REF = { $ref: '#/definitions/interpolation' };
/** The primary config may set Hydra's own settings. */
export const HYDRA: JsonSchema = { type: 'object', description: "Hydra's settings (hydra.run.dir, hydra.job.name, …)" };

function orInterpolation(s: JsonSchema): JsonSchema {
  if (Object.keys(s).length === 0) return s;
  return { anyOf: [s, INTERPOLATION_REF] };
}

/** The schema of a value as written in a file (interpolations stay strings and allow anything). */
export function nodeSchema(node: Node): JsonSchema {
  if (node.kind === 'value') {
    switch (node.type) {
      case 'int':
        return { type: 'integer' };
      case 'float':
        return { type: 'number' };
      case 'bool':
        return { type: 'boolean' };
      case 'null':
        return {};
      default: {
        const s = node.value as string;
        return s.includes('${') || s === '???' ? {} : { type: 'string' };
      }
    }
  }
  if (node.kind === 'list') {
    const items = mergeAlternatives(node.items.map(nodeSchema));
    return Object.keys(items).length === 0 ? { type: 'array' } : { type: 'array', items: orInterpolation(items) };
  }
  const properties: JsonSchema = {};
  for (const [k, v] of node.entries) properties[k] = orInterpolation(nodeSchema(v));
  return { type: 'object', properties };
}

/** One schema for values seen with several shapes: identical ones collapse, others become anyOf. */
function mergeAlternatives(schemas: JsonSchema[]): JsonSchema {
  const seen = new Map<string, JsonSchema>();
  for (const s of schemas) {
    if (Object.keys(s).length === 0) return {};
    seen.set(JSON.stringify(s), s);
  }
  const all = [...seen.values()];
  if (all.length === 0) return {};
  if (all.length === 1) return all[0] as JsonSchema;
  // int and float together are numbers.
  if (all.every((s) => s.type === 'integer' || s.type === 'number') && all.every((s) => Object.keys(s).length === 1)) return { type: 'number' };
  return { anyOf: all };
}

/** The `defaults` list of a config in `group` ('' for top-level configs): group option names as enums. */
export function defaultsListSchema(repo: ConfigRepository, group: string, groups: readonly GroupInfo[]): JsonSchema {
  const properties: JsonSchema = {};
  const add = (name: string, options: string[]) => {
    const choice = { anyOf: [{ enum: [...options, null] }, { type: 'array', items: { enum: options } }, INTERPOLATION_REF] };
    properties[name] = choice;
    properties[`override ${name}`] = choice;
    properties[`optional ${name}`] = choice;
  };
  const prefix = group === '' ? '' : `${group}/`;
  for (const g of groups) {
    if (group !== '' && g.path.startsWith(prefix)) add(g.path.slice(prefix.length), g.options);
    add(group === '' ? g.path : `/${g.path}`, g.options);
  }
  const configs = repo.groupOptions(group);
  return {
    description: 'The defaults list: configs and group options to compose, in order (_self_ is this file).',
    type: 'array',
    items: {
      anyOf: [
        { type: 'string', examples: ['_self_', ...configs] },
        { type: 'object', properties, additionalProperties: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'null' }] } },
      ],
    },
  };
}

const DEFAULTS_REF = { $ref: '#/definitions/defaults' };

function withFileKeys(schema: JsonSchema, extra: JsonSchema = {}): JsonSchema {
  const properties = { defaults: DEFAULTS_REF, ...extra, ...((schema.properties as JsonSchema | undefined) ?? {}) };
  return { ...schema, type: 'object', properties };
}

/** A schema file: the body, plus the definitions it refers to (`defaults`, `interpolation`). */
function document(title: string, schema: JsonSchema, defaults: JsonSchema, definitions: JsonSchema = {}): JsonSchema {
  return { $schema: DRAFT_07, title, ...schema, definitions: { defaults, interpolation: INTERPOLATION, ...definitions } };
}

/** The schema of one group's option files: any of the options' shapes. */
export function groupSchemaFromTree(repo: ConfigRepository, group: GroupInfo, groups: readonly GroupInfo[]): JsonSchema {
  const options = group.options.map((name) => {
    const content = optionContent(repo, `${group.path}/${name}`);
    const shape = content && content.kind === 'dict' ? nodeSchema(content) : { type: 'object', properties: {} };
    return { title: name, ...withFileKeys(shape) };
  });
  const body = options.length === 1 ? (options[0] as JsonSchema) : { anyOf: options };
  return document(`${group.path} (options: ${group.options.join(', ')})`, body, defaultsListSchema(repo, group.path, groups));
}

/** The group shapes, for `$ref`s from the primary schema. */
function groupDefinition(repo: ConfigRepository, group: GroupInfo): JsonSchema {
  const options = group.options.map((name) => {
    const content = optionContent(repo, `${group.path}/${name}`);
    return { title: name, ...(content && content.kind === 'dict' ? nodeSchema(content) : { type: 'object' }) };
  });
  return options.length === 1 ? (options[0] as JsonSchema) : { anyOf: options };
}

export function definitionName(group: string): string {
  return `group:${group}`;
}

/**
 * The primary config's schema: the composed default config's keys, where a group's package
 * refers to that group's options, plus `defaults` and `hydra`.
 */
export function primarySchemaFromTree(c: Composition, configName: string, packages: ReadonlyMap<string, string>): JsonSchema {
  const groups = listGroups(c.repository);
  const definitions: JsonSchema = {};
  const byPackage = new Map<string, string>();
  for (const g of groups) {
    definitions[definitionName(g.path)] = groupDefinition(c.repository, g);
    const pkg = packages.get(g.path);
    if (pkg !== undefined && pkg !== '') byPackage.set(pkg, g.path);
  }
  const shape = shapeWithGroups(jobTree(c), [], byPackage);
  const schema = withFileKeys(shape, { hydra: HYDRA });
  return document(`${configName} (primary config)`, schema, defaultsListSchema(c.repository, '', groups), definitions);
}

function shapeWithGroups(node: Node, path: string[], byPackage: ReadonlyMap<string, string>): JsonSchema {
  if (node.kind !== 'dict') return nodeSchema(node);
  const properties: JsonSchema = {};
  for (const [k, v] of node.entries) {
    const p = [...path, k];
    const group = byPackage.get(p.join('.'));
    properties[k] = group !== undefined ? { $ref: `#/definitions/${definitionName(group)}` } : orInterpolation(shapeWithGroups(v, p, byPackage));
  }
  return { type: 'object', properties };
}

/**
 * An editor schema from zod's JSON Schema of the input side: `required` dropped (a file is one
 * layer of the composition), interpolations allowed for every value, `defaults` allowed.
 */
export function editorSchemaFromZod(json: JsonSchema, title: string, defaults: JsonSchema, extra: JsonSchema = {}): JsonSchema {
  const { $schema: _s, definitions, $defs, ...rest } = json;
  const body = relax(rest) as JsonSchema;
  const defs = { ...((definitions as JsonSchema | undefined) ?? {}), ...(($defs as JsonSchema | undefined) ?? {}) };
  const relaxedDefs: JsonSchema = {};
  for (const [k, v] of Object.entries(defs)) relaxedDefs[k] = relax(v);
  const schema = fileKeysEverywhere(body, extra);
  return document(title, fixRefs(schema) as JsonSchema, defaults, fixRefs(relaxedDefs) as JsonSchema);
}

/** `defaults` (and `extra`) allowed in an object schema, or in each object option of a union. */
function fileKeysEverywhere(s: JsonSchema, extra: JsonSchema): JsonSchema {
  if (s.type === 'object' || s.properties) return withFileKeys(s, extra);
  for (const k of ['anyOf', 'oneOf'] as const) {
    const options = s[k];
    if (Array.isArray(options)) return { ...s, [k]: options.map((o: JsonSchema) => fileKeysEverywhere(o, extra)) };
  }
  return s;
}

/** Drop `required`, wrap every property and item in "or an interpolation". */
function relax(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(relax);
  if (s === null || typeof s !== 'object') return s;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(s as JsonSchema)) {
    if (k === 'required') continue;
    if (k === 'properties' && v && typeof v === 'object') {
      const props: JsonSchema = {};
      for (const [pk, pv] of Object.entries(v as JsonSchema)) props[pk] = orInterpolation(relax(pv) as JsonSchema);
      out[k] = props;
    } else if ((k === 'items' || k === 'additionalProperties') && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = orInterpolation(relax(v) as JsonSchema);
    } else out[k] = relax(v);
  }
  return out;
}

/** zod's 2020-12 `$defs` references, when it emitted any, point at draft-07 `definitions`. */
function fixRefs(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(fixRefs);
  if (s === null || typeof s !== 'object') return s;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(s as JsonSchema)) {
    out[k] = k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/definitions/') : fixRefs(v);
  }
  return out;
}
