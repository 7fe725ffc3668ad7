import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../../src/cli/main.js';
import { schemaCommand } from '../../src/cli/schema-command.js';
import { typesCommand } from '../../src/cli/types-command.js';
import { loadYamlString } from '../../src/config/load.js';
import { plain } from '../../src/config/interpolation/resolve.js';

const configDir = fileURLToPath(new URL('../fixtures/schema/app', import.meta.url));
const schemaModule = fileURLToPath(new URL('../fixtures/schema/app-schema.mjs', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'tydra-schema-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(command: typeof schemaCommand, argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await command(argv, (s) => {
    out += s;
  });
  return { code, out };
}

type Json = Record<string, unknown>;
const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;

/** A YAML file's content as data, the way tydra reads it. */
function yamlData(text: string): unknown {
  const node = loadYamlString(text, 'test.yaml');
  return node ? plain(node) : {};
}

/** Whether an editor would accept the file: the JSON Schema turned back into zod. */
function accepts(schema: Json, text: string): boolean {
  return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0], { defaultTarget: 'draft-7' }).safeParse(yamlData(text)).success;
}

describe('tydra schema (from the conf tree)', async () => {
  const out = join(tmp, 'tree');
  const result = await run(schemaCommand, ['--config-dir', configDir, '--config-name', 'config', '--out', out]);
  const db = readJson(join(out, 'db.schema.json'));
  const primary = readJson(join(out, 'config.schema.json'));

  it('writes one file per group and one for the primary config', () => {
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['config.schema.json', 'db.schema.json', 'optim.schema.json']);
    expect(primary.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('makes a group schema match any of its options, titled by option name', () => {
    expect((db.anyOf as Json[]).map((o) => o.title)).toEqual(['mysql', 'postgres']);
    expect(accepts(db, 'driver: mysql\nhost: db.local\nport: 3306\n')).toBe(true);
    expect(accepts(db, 'port: ${oc.env:DB_PORT}\n')).toBe(true);
    expect(accepts(db, 'port: ???\n')).toBe(true);
    expect(accepts(db, 'port: not-a-port\n')).toBe(false);
  });

  it('types the primary config by the composed default config, with group options as enums in defaults', () => {
    expect(accepts(primary, readFileSync(join(configDir, 'config.yaml'), 'utf8'))).toBe(true);
    expect(accepts(primary, 'defaults:\n  - db: postgres\n  - override optim: sgd\n  - _self_\n')).toBe(true);
    expect(accepts(primary, 'defaults:\n  - db: oracle\n')).toBe(false);
    expect(accepts(primary, 'seed: many\n')).toBe(false);
    expect(accepts(primary, 'db:\n  port: x\n')).toBe(false);
    expect(accepts(primary, 'hydra:\n  job:\n    name: x\n')).toBe(true);
  });

  it('prints how to wire the files into a YAML editor', () => {
    expect(result.out).toContain('"yaml.schemas"');
    expect(result.out).toContain('# yaml-language-server: $schema=');
    expect(result.out).toMatch(/db\.schema\.json": ".*fixtures\/schema\/app\/db\/\*\.yaml"/);
  });
});

describe('tydra schema --schema (from the app zod schema)', async () => {
  const out = join(tmp, 'zod');
  await run(schemaCommand, ['--config-dir', configDir, '--config-name', 'config', '--schema', `${schemaModule}#Config`, '-o', out]);
  const primary = readJson(join(out, 'config.schema.json'));
  const optim = readJson(join(out, 'optim.schema.json'));
  const db = readJson(join(out, 'db.schema.json'));

  it('exports the input side of the schema, with nothing required (a file is one layer)', () => {
    expect(JSON.stringify(primary)).not.toContain('"required"');
    expect(accepts(primary, readFileSync(join(configDir, 'config.yaml'), 'utf8'))).toBe(true);
    expect(accepts(primary, 'seed: 1.5\n')).toBe(false);
    expect(JSON.stringify(primary)).toContain('the random seed');
  });

  it('gives each group the part of the schema at its package: a discriminated union for optim', () => {
    expect(accepts(optim, readFileSync(join(configDir, 'optim/sgd.yaml'), 'utf8'))).toBe(true);
    expect(accepts(optim, 'name: rmsprop\n')).toBe(false);
    expect(accepts(optim, 'defaults:\n  - _self_\nname: adam\nlr: 0.1\n')).toBe(true);
    expect(accepts(db, 'defaults:\n  - _self_\nport: 1\n')).toBe(true);
    expect(accepts(db, 'portt: 1\n')).toBe(false);
  });

  it('names the exports when the one asked for is not a schema', async () => {
    await expect(run(schemaCommand, ['--config-dir', configDir, '--config-name', 'config', '--schema', `${schemaModule}#notASchema`, '-o', out])).rejects.toMatchObject({
      message: expect.stringContaining("no zod schema exported as 'notASchema'"),
      hint: expect.stringContaining('Config'),
    });
  });
});

describe('tydra types', async () => {
  const file = join(tmp, 'types', 'config.d.ts');
  const result = await run(typesCommand, ['--config-dir', configDir, '--config-name', 'config', '--out', file]);
  const dts = readFileSync(file, 'utf8');

  it('writes the group options as literal types', () => {
    expect(result.code).toBe(0);
    expect(dts).toContain('export type DbOption = "mysql" | "postgres";');
    expect(dts).toContain('export type OptimOption = "adam" | "sgd";');
    expect(dts).toContain('export interface GroupOptions {\n  db: DbOption;\n  optim: OptimOption;\n}');
  });

  it('types the config shape, a group package as the union of its options, interpolations by their resolved value', () => {
    expect(dts).toContain('  seed: number;\n  name: string;\n  tags: string[];\n');
    expect(dts).toContain('  trainer: {\n    epochs: number;\n    lr: number;\n    port: string;\n  };');
    expect(dts).toContain('    betas: number[];\n  } | {\n    name: string;\n    lr: number;\n    momentum: number;\n  };');
    expect(dts).toContain('  api_key: unknown;');
  });

  it('is a .d.ts that compiles, with option names checked and wrong properties rejected', () => {
    const usage = join(tmp, 'types', 'usage.ts');
    writeFileSync(
      usage,
      [
        "import type { Config, DbOption, GroupOverride } from './config.js';",
        "const ok: DbOption = 'postgres';",
        "const bad: DbOption = 'oracle';",
        "const o: GroupOverride = 'optim=sgd';",
        'declare const cfg: Config;',
        'const port: number = cfg.db.port;',
        'const nope = cfg.db.prot;',
        "if ('momentum' in cfg.optim) { const m: number = cfg.optim.momentum; }",
        'export { ok, bad, o, port, nope };',
      ].join('\n'),
    );
    const program = ts.createProgram([usage], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [] });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.start !== undefined ? d.file?.getLineAndCharacterOfPosition(d.start).line : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0]}`);
    expect(errors).toEqual([
      `2: Type '"oracle"' is not assignable to type 'DbOption'.`,
      `6: Property 'prot' does not exist on type '{ driver: string; host: string; port: number; } | { driver: string; host: string; port: number; timeout: number; }'.`,
    ]);
  });

  it('prints to stdout with --out -', async () => {
    const { out } = await run(typesCommand, ['--config-dir', configDir, '--config-name', 'config', 'db=postgres', '--out', '-']);
    expect(out).toContain('export interface Config {');
  });
});

describe('the tydra command', () => {
  it('routes schema and types to their commands', async () => {
    let out = '';
    expect(await runCli(['types', '--help'], (s) => (out += s))).toBe(0);
    expect(out).toContain('Usage: tydra types');
    expect(await runCli(['schema', '--help'], (s) => (out += s))).toBe(0);
    expect(out).toContain('Usage: tydra schema');
  });

  it('needs a config dir and name', async () => {
    await expect(typesCommand(['--config-name', 'config'], () => {})).rejects.toThrow(/needs --config-dir and --config-name/);
  });
});
