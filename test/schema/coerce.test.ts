import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compose } from '../../src/compose/api.js';
import { t } from '../../src/schema/coerce.js';
import { ConfigValidationError } from '../../src/schema/errors.js';

const configDir = fileURLToPath(new URL('../fixtures/schema/app', import.meta.url));

function parse(schema: z.ZodType, value: unknown): { ok: true; value: unknown } | { ok: false } {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false };
}

describe('t.int() converts like an OmegaConf int node', () => {
  it.each([
    [10, 10],
    ['10', 10],
    [' -3 ', -3],
    ['+7', 7],
    ['1_000', 1000],
  ])('accepts %j as %j', (input, output) => {
    expect(parse(t.int(), input)).toEqual({ ok: true, value: output });
  });

  it.each([['abc'], ['1.5'], [1.5], [true], [null], [''], ['1__0'], ['0x10']])('rejects %j', (input) => {
    expect(parse(t.int(), input)).toEqual({ ok: false });
  });

  it('chains like any zod schema', () => {
    expect(parse(t.int().default(5432), undefined)).toEqual({ ok: true, value: 5432 });
  });
});

describe('t.number() converts like an OmegaConf float node', () => {
  it.each([
    [0.5, 0.5],
    [3, 3],
    ['0.1', 0.1],
    ['1e-3', 0.001],
    ['1.', 1],
    ['.5', 0.5],
    ['-2E2', -200],
    ['1_000.5', 1000.5],
  ])('accepts %j as %j', (input, output) => {
    expect(parse(t.number(), input)).toEqual({ ok: true, value: output });
  });

  it.each([['abc'], [''], [true], ['1e'], ['.']])('rejects %j', (input) => {
    expect(parse(t.number(), input)).toEqual({ ok: false });
  });
});

describe('t.bool() converts like an OmegaConf bool node', () => {
  it.each([
    [true, true],
    [false, false],
    [0, false],
    [2, true],
    ['yes', true],
    ['Y', true],
    ['ON', true],
    ['True', true],
    ['no', false],
    ['n', false],
    ['Off', false],
    ['FALSE', false],
    ['0', false],
    ['1', true],
  ])('accepts %j as %j', (input, output) => {
    expect(parse(t.bool(), input)).toEqual({ ok: true, value: output });
  });

  it.each([['maybe'], [''], [0.5], [null]])('rejects %j', (input) => {
    expect(parse(t.bool(), input)).toEqual({ ok: false });
  });
});

describe('coercion is opt-in', () => {
  it('plain zod fields convert nothing', () => {
    expect(parse(z.number(), '10')).toEqual({ ok: false });
    expect(parse(z.boolean(), 'yes')).toEqual({ ok: false });
  });

  it('converts override strings and resolver results where the schema asks', async () => {
    const Config = z.object({ trainer: z.object({ port: t.int(), epochs: t.int() }), debug: t.bool(), lr: t.number() });
    const cfg = await compose({
      configDir,
      configName: 'config',
      overrides: ['+debug=yes', "trainer.epochs='12'", "+lr='3e-4'"],
      env: { APP_PORT: '9000' },
      schema: Config,
    });
    expect(cfg).toEqual({ trainer: { port: 9000, epochs: 12 }, debug: true, lr: 3e-4 });
  });

  it('says what it expected when the string does not convert', async () => {
    const Config = z.object({ trainer: z.object({ port: t.int() }), debug: t.bool() });
    const err = await compose({ configDir, configName: 'config', overrides: ['+debug=perhaps'], env: { APP_PORT: 'http' }, schema: Config }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigValidationError);
    expect((err as ConfigValidationError).issues.map((i) => i.message)).toEqual([
      'trainer.port: expected int, got "http" (from config.yaml:12:9 through ${oc.env:APP_PORT,8080})',
      'debug: expected boolean, got "perhaps" (from override +debug=perhaps)',
    ]);
  });

  it('exports an honest input schema for editors: a number or a numeric string', () => {
    const json = z.toJSONSchema(z.object({ port: t.int() }), { io: 'input' }) as unknown as { properties: { port: { anyOf: { type: string }[] } } };
    expect(json.properties.port.anyOf.map((s) => s.type)).toEqual(['integer', 'string']);
  });
});
