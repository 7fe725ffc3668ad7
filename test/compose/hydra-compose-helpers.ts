/**
 * Shared helpers of the hydra-compose-*.test.ts files: compose a conf tree and look at the job
 * config with Python's types (`toJson` keeps int vs float), the choices and the hydra node.
 */
import { type ComposeOptions, type Composition, composeTree, resolvedJobTree } from '../../src/compose/compose.js';
import { toJson } from '../../src/config/output/to-json.js';
import { confTree } from '../helpers/conf-tree.js';

export interface Composed {
  c: Composition;
  /** The resolved job config as Python's json.dumps writes it (int vs float visible). */
  json: string;
  /** Application choices (no `hydra/` groups). */
  choices: Record<string, unknown>;
  /** A resolved value of the full tree (hydra node included), e.g. `hydra.run.dir`. */
  at(key: string): unknown;
}

export function composeIn(dir: string, configName: string | undefined, overrides: string[] = [], extra: Partial<ComposeOptions> = {}): Composed {
  const c = composeTree({ configDir: dir, configName, overrides, env: {}, ...extra });
  return {
    c,
    json: toJson(resolvedJobTree(c), { indent: 0 }),
    choices: Object.fromEntries([...c.choices].filter(([k]) => !k.startsWith('hydra/'))),
    at(key: string) {
      const loc = c.resolution.select(key.split('.'));
      return loc ? c.resolution.toPlain(loc) : undefined;
    },
  };
}

export function composeFiles(files: Record<string, string>, configName: string | undefined, overrides: string[] = [], extra: Partial<ComposeOptions> = {}): Composed {
  return composeIn(confTree(files), configName, overrides, extra);
}

/** The error a composition throws (fails the test when it succeeds). */
export function failure(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    if (e instanceof Error) return e;
    throw e;
  }
  throw new Error('expected the composition to fail');
}
