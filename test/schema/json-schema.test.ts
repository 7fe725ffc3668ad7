/**
 * JSON Schema for YAML editors (src/schema/json-schema.ts): a schema describes one *file*, so no
 * key is required, every value may be an interpolation or ???, and a `defaults` list is allowed,
 * with the group option names as enums.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { composeTree, createRepository } from '../../src/compose/compose.js';
import { nodeFromJs } from '../../src/config/nodes.js';
import { groupPackages, listGroups } from '../../src/schema/conf-tree.js';
import {
  DRAFT_07,
  HYDRA,
  type JsonSchema,
  defaultsListSchema,
  definitionName,
  editorSchemaFromZod,
  groupSchemaFromTree,
  nodeSchema,
  primarySchemaFromTree,
} from '../../src/schema/json-schema.js';
import { confTree } from '../helpers/conf-tree.js';

const OR_INTERPOLATION = { $ref: '#/definitions/interpolation' };
const orI = (s: JsonSchema) => ({ anyOf: [s, OR_INTERPOLATION] });
const node = (v: unknown) => nodeFromJs(v, { kind: 'code', name: 'test' });

/** Every key anywhere in a JSON value. */
function allKeys(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) allKeys(x, out);
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      allKeys(x, out);
    }
  }
  return out;
}

const files = {
  'config.yaml': 'defaults:\n  - db: mysql\n  - _self_\nseed: 42\nname: ${db.driver}\ntrainer:\n  lr: 0.1\n',
  'db/mysql.yaml': 'driver: mysql\nport: 3306\n',
  'db/postgres.yaml': 'driver: postgres\nport: 5432\ntimeout: 30\n',
  'server/db/eu.yaml': 'region: eu\n',
};

describe('nodeSchema', () => {
  it('types scalars as written in a file', () => {
    expect(nodeSchema(node(1))).toEqual({ type: 'integer' });
    expect(nodeSchema(node(1.5))).toEqual({ type: 'number' });
    expect(nodeSchema(node(true))).toEqual({ type: 'boolean' });
    expect(nodeSchema(node('x'))).toEqual({ type: 'string' });
  });

  it('allows anything for null, an interpolation and ???', () => {
    expect(nodeSchema(node(null))).toEqual({});
    expect(nodeSchema(node('${a.b}'))).toEqual({});
    expect(nodeSchema(node('x_${a}'))).toEqual({});
    expect(nodeSchema(node('???'))).toEqual({});
  });

  it('allows an interpolation for every value of a mapping', () => {
    expect(nodeSchema(node({ a: 1, b: { c: 'x' } }))).toEqual({
      type: 'object',
      properties: { a: orI({ type: 'integer' }), b: orI({ type: 'object', properties: { c: orI({ type: 'string' }) } }) },
    });
  });

  it('types list items, merging ints and floats into numbers and other mixes into anyOf', () => {
    expect(nodeSchema(node([1, 2]))).toEqual({ type: 'array', items: orI({ type: 'integer' }) });
    expect(nodeSchema(node([1, 2.5]))).toEqual({ type: 'array', items: orI({ type: 'number' }) });
    expect(nodeSchema(node([1, 'x']))).toEqual({ type: 'array', items: orI({ anyOf: [{ type: 'integer' }, { type: 'string' }] }) });
  });

  it('leaves the items of an empty list, or one with an interpolation or null, open', () => {
    expect(nodeSchema(node([]))).toEqual({ type: 'array' });
    expect(nodeSchema(node([1, '${x}']))).toEqual({ type: 'array' });
    expect(nodeSchema(node(['a', null]))).toEqual({ type: 'array' });
  });
});

describe('defaultsListSchema', () => {
  const repo = createRepository({ configDir: confTree(files) }, []);
  const groups = listGroups(repo);

  it('offers each group’s option names (and null) for plain, override and optional entries', () => {
    const s = defaultsListSchema(repo, '', groups) as { type: string; items: { anyOf: [JsonSchema, { properties: Record<string, JsonSchema> }] } };
    expect(s.type).toBe('array');
    const props = s.items.anyOf[1].properties;
    expect(Object.keys(props)).toEqual(['db', 'override db', 'optional db', 'server/db', 'override server/db', 'optional server/db']);
    expect(props.db).toEqual({ anyOf: [{ enum: ['mysql', 'postgres', null] }, { type: 'array', items: { enum: ['mysql', 'postgres'] } }, OR_INTERPOLATION] });
    expect(props['server/db']?.anyOf).toContainEqual({ enum: ['eu', null] });
  });

  it('suggests _self_ and the configs of the same group as plain entries', () => {
    const top = defaultsListSchema(repo, '', groups) as { items: { anyOf: [{ examples: string[] }] } };
    expect(top.items.anyOf[0].examples).toEqual(['_self_', 'config']);
    const db = defaultsListSchema(repo, 'db', groups) as { items: { anyOf: [{ examples: string[] }] } };
    expect(db.items.anyOf[0].examples).toEqual(['_self_', 'mysql', 'postgres']);
  });

  it('names groups absolutely from inside a group, and subgroups also relatively', () => {
    const props = (g: string) => Object.keys((defaultsListSchema(repo, g, groups) as { items: { anyOf: [unknown, { properties: object }] } }).items.anyOf[1].properties);
    expect(props('db')).toEqual(['/db', 'override /db', 'optional /db', '/server/db', 'override /server/db', 'optional /server/db']);
    expect(props('server')).toContain('db');
    expect(props('server')).toContain('/server/db');
    expect(props('server')).toContain('/db');
  });
});

describe('groupSchemaFromTree', () => {
  const repo = createRepository({ configDir: confTree(files) }, []);
  const groups = listGroups(repo);

  it('matches any of the group’s options, each titled by its name, with a defaults list allowed', () => {
    const s = groupSchemaFromTree(repo, { path: 'db', options: ['mysql', 'postgres'] }, groups);
    expect(s.$schema).toBe(DRAFT_07);
    expect(s.title).toBe('db (options: mysql, postgres)');
    const options = s.anyOf as JsonSchema[];
    expect(options.map((o) => o.title)).toEqual(['mysql', 'postgres']);
    expect(options[1]).toEqual({
      title: 'postgres',
      type: 'object',
      properties: { defaults: { $ref: '#/definitions/defaults' }, driver: orI({ type: 'string' }), port: orI({ type: 'integer' }), timeout: orI({ type: 'integer' }) },
    });
  });

  it('is the option itself for a group with one option, and carries its definitions', () => {
    const s = groupSchemaFromTree(repo, { path: 'server/db', options: ['eu'] }, groups);
    expect(s.anyOf).toBeUndefined();
    expect(s.title).toBe('eu');
    expect(Object.keys(s.properties as object)).toEqual(['defaults', 'region']);
    const defs = s.definitions as Record<string, JsonSchema>;
    expect(Object.keys(defs)).toEqual(['defaults', 'interpolation']);
    expect(defs.interpolation?.anyOf).toEqual([{ type: 'string', pattern: '\\$\\{' }, { const: '???' }]);
  });

  it('allows an empty option file to hold just a defaults list', () => {
    const r = createRepository({ configDir: confTree({ 'db/empty.yaml': '' }) }, []);
    const s = groupSchemaFromTree(r, { path: 'db', options: ['empty'] }, listGroups(r));
    expect(s.properties).toEqual({ defaults: { $ref: '#/definitions/defaults' } });
    expect(s.type).toBe('object');
  });
});

describe('primarySchemaFromTree', () => {
  it('has the composed default config’s keys, a group’s package pointing at the group’s options, plus defaults and hydra', () => {
    const c = composeTree({ configDir: confTree(files), configName: 'config', env: {} });
    const s = primarySchemaFromTree(c, 'config', groupPackages(c));
    expect(s.$schema).toBe(DRAFT_07);
    expect(s.title).toBe('config (primary config)');
    const props = s.properties as Record<string, JsonSchema>;
    expect(Object.keys(props)).toEqual(['defaults', 'hydra', 'db', 'seed', 'name', 'trainer']);
    expect(props.hydra).toEqual(HYDRA);
    expect(props.db).toEqual({ $ref: `#/definitions/${definitionName('db')}` });
    expect(props.seed).toEqual(orI({ type: 'integer' }));
    expect(props.name).toEqual({});
    expect(props.trainer).toEqual(orI({ type: 'object', properties: { lr: orI({ type: 'number' }) } }));
    const defs = s.definitions as Record<string, JsonSchema>;
    expect((defs['group:db']?.anyOf as JsonSchema[]).map((o) => o.title)).toEqual(['mysql', 'postgres']);
    expect(defs['group:server/db']?.title).toBe('eu');
    expect(allKeys(s).has('required')).toBe(false);
  });

  it('points the package an option landed in (db@backup) at the group', () => {
    const tree = { ...files, 'config.yaml': 'defaults:\n  - db@backup: mysql\n  - _self_\n' };
    const c = composeTree({ configDir: confTree(tree), configName: 'config', env: {} });
    const props = primarySchemaFromTree(c, 'config', groupPackages(c)).properties as Record<string, JsonSchema>;
    expect(props.backup).toEqual({ $ref: '#/definitions/group:db' });
    expect(props.db).toBeUndefined();
  });
});

describe('editorSchemaFromZod', () => {
  const Config = z.object({
    db: z.strictObject({ driver: z.enum(['mysql', 'postgres']), port: z.number().int() }),
    seed: z.number().int(),
    tags: z.array(z.string()),
    optim: z.discriminatedUnion('name', [z.object({ name: z.literal('adam') }), z.object({ name: z.literal('sgd'), momentum: z.number() })]),
  });
  const json = z.toJSONSchema(Config, { io: 'input', target: 'draft-7' }) as JsonSchema;
  const defaults: JsonSchema = { type: 'array' };
  const s = editorSchemaFromZod(json, 'config (primary config)', defaults, { hydra: HYDRA });
  const props = s.properties as Record<string, JsonSchema>;

  it('requires no key anywhere (a file is one layer of the composition)', () => {
    expect(allKeys(json).has('required')).toBe(true);
    expect(allKeys(s).has('required')).toBe(false);
  });

  it('allows an interpolation or ??? for every value and list item', () => {
    expect(props.seed).toEqual(orI({ type: 'integer', minimum: expect.any(Number), maximum: expect.any(Number) }));
    expect(props.tags).toEqual(orI({ type: 'array', items: orI({ type: 'string' }) }));
    const db = (props.db?.anyOf as JsonSchema[])[0] as { properties: Record<string, JsonSchema>; additionalProperties: unknown };
    expect(db.properties.driver).toEqual(orI({ type: 'string', enum: ['mysql', 'postgres'] }));
    expect(db.additionalProperties).toBe(false);
  });

  it('allows defaults (and the extra keys) at the top, ahead of the schema’s own keys', () => {
    expect(Object.keys(props)).toEqual(['defaults', 'hydra', 'db', 'seed', 'tags', 'optim']);
    expect(props.defaults).toEqual({ $ref: '#/definitions/defaults' });
    expect((s.definitions as JsonSchema).defaults).toBe(defaults);
    expect(s.$schema).toBe(DRAFT_07);
    expect(s.title).toBe('config (primary config)');
  });

  it('allows a defaults list in each object option of a union at the top', () => {
    const optim = (props.optim?.anyOf as JsonSchema[])[0] as JsonSchema;
    const group = editorSchemaFromZod(optim, 'optim', defaults);
    const options = group.oneOf as JsonSchema[];
    expect(options).toHaveLength(2);
    for (const o of options) expect(Object.keys(o.properties as object)[0]).toBe('defaults');
    expect(group.properties).toBeUndefined();
  });

  it('moves $defs to draft-07 definitions and fixes the references, relaxing them too', () => {
    const withDefs: JsonSchema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { a: { $ref: '#/$defs/Inner' } },
      required: ['a'],
      $defs: { Inner: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] } },
    };
    const out = editorSchemaFromZod(withDefs, 't', defaults);
    expect(out.$schema).toBe(DRAFT_07);
    expect(out.$defs).toBeUndefined();
    expect((out.properties as JsonSchema).a).toEqual(orI({ $ref: '#/definitions/Inner' }));
    const defs = out.definitions as Record<string, JsonSchema>;
    expect(defs.Inner).toEqual({ type: 'object', properties: { x: orI({ type: 'number' }) } });
    expect(Object.keys(defs)).toEqual(['defaults', 'interpolation', 'Inner']);
  });
});
