/**
 * `tydra schema --config-dir DIR --config-name NAME [--schema MODULE#EXPORT] [--out DIR] [OVERRIDE ...]`
 *
 * Writes JSON Schema for YAML editors: `<config-name>.schema.json` for the primary config and
 * `<group>.schema.json` for every config group (`server/db` → `server.db.schema.json`), then
 * prints how to wire them into the YAML language server (VS Code `yaml.schemas`, or a modeline).
 * With `--schema` the shapes come from the app's zod schema (its input side); without, from the
 * conf tree. zod is loaded only with `--schema`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { composeTree } from '../compose/compose.js';
import { TydraError } from '../errors.js';
import { defaultPackage, groupPackages, listGroups } from '../schema/conf-tree.js';
import {
  HYDRA,
  type JsonSchema,
  defaultsListSchema,
  editorSchemaFromZod,
  groupSchemaFromTree,
  primarySchemaFromTree,
} from '../schema/json-schema.js';
import { isSchema, schemaAt } from '../schema/schema-tree.js';
import type { ConfigSchema } from '../schema/types.js';
import { parseArgs } from './args.js';

export const schemaFlags = {
  strings: { 'config-dir': ['cd'], 'config-name': ['cn'], out: ['o'], schema: ['s'] },
  booleans: { help: ['h'] },
};

const HELP = `Usage: tydra schema --config-dir DIR --config-name NAME [--schema MODULE#EXPORT] [--out DIR] [OVERRIDE ...]

Write JSON Schema for the primary config and each config group, for YAML editors.
  -cd, --config-dir DIR       the primary config directory
  -cn, --config-name NAME     the primary config
  -s,  --schema MODULE#EXPORT a JS module exporting the app's zod schema (default export without #)
  -o,  --out DIR              where to write the files (default: .tydra/schema)`;

/** Load `./dist/schema.js#Config` (relative to cwd). */
export async function loadSchemaModule(spec: string, cwd: string): Promise<ConfigSchema> {
  const hash = spec.lastIndexOf('#');
  const file = hash > 0 ? spec.slice(0, hash) : spec;
  const name = hash > 0 ? spec.slice(hash + 1) : 'default';
  const url = /^[a-z]+:/i.test(file) && !isAbsolute(file) ? file : pathToFileURL(resolve(cwd, file)).href;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (e) {
    throw new TydraError(`Cannot load the schema module '${file}': ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
      hint: 'point --schema at JavaScript (a build output, e.g. dist/schema.js#Config)',
    });
  }
  const value = mod[name];
  if (!isSchema(value)) {
    const exported = Object.keys(mod).filter((k) => isSchema(mod[k]));
    throw new TydraError(`'${file}' has no zod schema exported as '${name}'`, {
      hint: exported.length > 0 ? `schemas it exports: ${exported.join(', ')} (use ${file}#${exported[0]})` : undefined,
    });
  }
  return value;
}

/** zod's JSON Schema of the input side, from the schema's own zod (works for schemas from any copy of zod). */
async function zodJsonSchema(schema: ConfigSchema): Promise<JsonSchema> {
  const params = { io: 'input' as const, target: 'draft-7' as const, unrepresentable: 'any' as const };
  const own = (schema as unknown as { toJSONSchema?: (p: typeof params) => JsonSchema }).toJSONSchema;
  if (typeof own === 'function') return own.call(schema, params);
  const { z } = await import('zod');
  return z.toJSONSchema(schema, params) as JsonSchema;
}

function fileName(name: string): string {
  return `${name.replace(/\.ya?ml$/, '').replace(/\//g, '.')}.schema.json`;
}

function slash(p: string): string {
  return p.split('\\').join('/');
}

export async function schemaCommand(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const { flags, overrides } = parseArgs(argv, schemaFlags, 'schema');
  if (flags.help) {
    out(`${HELP}\n`);
    return 0;
  }
  const configDir = flags['config-dir'] as string | undefined;
  const configName = flags['config-name'] as string | undefined;
  if (!configDir || !configName) throw new TydraError('tydra schema needs --config-dir and --config-name', { hint: HELP.split('\n')[0] });
  const cwd = process.cwd();
  const outDir = resolve(cwd, (flags.out as string | undefined) ?? '.tydra/schema');
  const zod = typeof flags.schema === 'string' ? await loadSchemaModule(flags.schema, cwd) : undefined;

  const c = composeTree({ configDir, configName, overrides });
  const repo = c.repository;
  const groups = listGroups(repo);
  const packages = groupPackages(c);
  const files: { file: string; schema: JsonSchema; glob: string }[] = [];
  const confGlob = (p: string) => slash(relative(cwd, resolve(cwd, configDir, p)));

  const primaryName = configName.replace(/\.ya?ml$/, '');
  const primary = zod
    ? editorSchemaFromZod(await zodJsonSchema(zod), `${primaryName} (primary config)`, defaultsListSchema(repo, '', groups), { hydra: HYDRA })
    : primarySchemaFromTree(c, primaryName, packages);
  files.push({ file: fileName(primaryName), schema: primary, glob: confGlob(`${primaryName}.yaml`) });

  for (const g of groups) {
    let schema: JsonSchema | undefined;
    if (zod) {
      const pkg = packages.get(g.path) ?? defaultPackage(g.path);
      const sub = pkg === '' ? zod : schemaAt(zod, pkg.split('.'));
      if (sub) {
        const title = `${g.path} (options: ${g.options.join(', ')})`;
        schema = editorSchemaFromZod(await zodJsonSchema(sub), title, defaultsListSchema(repo, g.path, groups));
      }
    }
    schema ??= groupSchemaFromTree(repo, g, groups);
    files.push({ file: fileName(g.path), schema, glob: confGlob(`${g.path}/*.yaml`) });
  }

  mkdirSync(outDir, { recursive: true });
  const mapping: Record<string, string> = {};
  for (const f of files) {
    const path = join(outDir, f.file);
    writeFileSync(path, `${JSON.stringify(f.schema, null, 2)}\n`);
    const rel = slash(relative(cwd, path));
    mapping[rel.startsWith('..') ? slash(path) : `./${rel}`] = f.glob;
    out(`wrote ${rel}  (for ${f.glob})\n`);
  }
  const lines = ['', 'YAML editors: with the YAML language server (VS Code: the Red Hat YAML extension), add to .vscode/settings.json'];
  lines.push(`  "yaml.schemas": ${JSON.stringify(mapping, null, 2).replace(/\n/g, '\n  ')}`);
  lines.push('or start a file with a modeline (the path is relative to the file):');
  const modeline = (dir: string, file: string) => `  # yaml-language-server: $schema=${slash(relative(resolve(cwd, configDir, dir), join(outDir, file)))}`;
  lines.push(`  ${confGlob(`${primaryName}.yaml`)}:`, modeline(dirname(primaryName), fileName(primaryName)));
  const first = groups[0];
  if (first) lines.push(`  ${confGlob(`${first.path}/<option>.yaml`)}:`, modeline(first.path, fileName(first.path)));
  out(`${lines.join('\n')}\n`);
  return 0;
}
