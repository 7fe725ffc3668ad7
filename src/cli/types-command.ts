/**
 * `tydra types --config-dir DIR --config-name NAME [--out FILE] [OVERRIDE ...]`
 *
 * Writes a `.d.ts` for apps without a zod schema: the option names of every config group as
 * literal unions, and the composed config's shape (`--out -` prints it instead).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { Composer, parseAll } from '../compose/compose.js';
import { TydraError } from '../errors.js';
import { generateTypes } from '../schema/dts.js';
import { parseArgs } from './args.js';

export const typesFlags = {
  strings: { 'config-dir': ['cd'], 'config-name': ['cn'], out: ['o'] },
  booleans: { help: ['h'] },
};

const HELP = `Usage: tydra types --config-dir DIR --config-name NAME [--out FILE] [OVERRIDE ...]

Write a .d.ts with the group options as literal types and the composed config's shape.
  -cd, --config-dir DIR     the primary config directory
  -cn, --config-name NAME   the primary config
  -o,  --out FILE           where to write it (default: .tydra/config.d.ts; - prints it)`;

export async function typesCommand(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const { flags, overrides } = parseArgs(argv, typesFlags, 'types');
  if (flags.help) {
    out(`${HELP}\n`);
    return 0;
  }
  const configDir = flags['config-dir'] as string | undefined;
  const configName = flags['config-name'] as string | undefined;
  if (!configDir || !configName) throw new TydraError('tydra types needs --config-dir and --config-name', { hint: HELP.split('\n')[0] });
  const parsed = parseAll(overrides);
  const composer = new Composer({ configDir, configName }, parsed);
  const composition = composer.compose(parsed);
  const text = generateTypes({ composition, composer, overrides, from: `${configDir}/${configName.replace(/\.ya?ml$/, '')}.yaml` });
  const target = (flags.out as string | undefined) ?? '.tydra/config.d.ts';
  if (target === '-') {
    out(text);
    return 0;
  }
  const path = resolve(process.cwd(), target);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  const rel = relative(process.cwd(), path);
  const importPath = rel.replace(/\.d\.ts$/, '.js');
  out(`wrote ${rel}\nuse it with: import type { Config, GroupOverride } from './${importPath}';\n`);
  return 0;
}
