/**
 * Differential tests: every case was recorded from the real OmegaConf (2.2.2; 2.3 where they
 * differ, noted in the case file) and is replayed here against tydra. The tables are data, not
 * code: see test/config/oracle/*.cases.ts. The omegaconf-*.cases.ts tables follow OmegaConf's own
 * test suite (tests/test_grammar.py, tests/interpolation/, tests/test_merge.py, test_select.py,
 * test_update.py, test_to_yaml.py, test_to_container.py), case by case.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { ERROR_CLASSES, type OracleCase, runCase } from './oracle/harness.js';
import { interpolationCases } from './oracle/interpolation.cases.js';
import { resolverCases } from './oracle/resolvers.cases.js';
import { fuzzFoundCases } from './oracle/fuzz-found.cases.js';
import { omegaconfGrammarCases } from './oracle/omegaconf-grammar.cases.js';
import {
  builtinResolverSuiteCases,
  mergeSuiteCases,
  selectSuiteCases,
  toContainerSuiteCases,
  toYamlSuiteCases,
  updateSuiteCases,
} from './oracle/omegaconf-suite.cases.js';
import { treeCases } from './oracle/tree.cases.js';

/** OmegaConf messages tydra reproduces word for word (others are reworded, e.g. grammar errors). */
function sameMessageAsOmegaConf(py: string, message: string): boolean {
  return (
    ['InterpolationKeyError', 'InterpolationToMissingValueError', 'UnsupportedInterpolationType', 'MissingMandatoryValue'].includes(py) ||
    /^(Recursive interpolation detected|Interpolation to parent node detected|Cannot merge DictConfig with ListConfig|Key '.*' is not in struct)$/.test(message)
  );
}

function check(c: OracleCase): void {
  const out = runCase(c);
  if (c.error) {
    if (!('error' in out)) throw new Error(`expected ${c.error.type} (${c.error.message}), got ${out.value}`);
    const err = out.error;
    const cls = ERROR_CLASSES[c.error.type];
    if (!cls) throw new Error(`unknown error class ${c.error.type}`);
    if (!(err instanceof cls)) throw new Error(`expected ${c.error.type}, got ${String(err instanceof Error ? err.stack : err)}`);
    if (c.error.type === 'ConfigLoadError') return; // a file that does not load: no key to compare
    expect(err).toBeInstanceOf(ConfigError);
    const ce = err as ConfigError;
    const fullKey = c.error.tsFullKey ?? c.error.fullKey;
    if (fullKey) expect(ce.fullKey, 'full key').toBe(fullKey);
    if (sameMessageAsOmegaConf(c.error.py, c.error.message)) expect(ce.reason).toBe(c.error.message);
  } else {
    if ('error' in out) throw out.error;
    expect(out.value).toBe(c.expect);
  }
  expect(out.warnings).toEqual(c.warnings ?? []);
}

describe.each([
  ['interpolation', interpolationCases],
  ['resolvers', resolverCases],
  ['merge, update, select and delete', treeCases],
  ['found by the differential fuzzer', fuzzFoundCases],
  ['OmegaConf test suite: the interpolation grammar', omegaconfGrammarCases],
  ['OmegaConf test suite: built-in resolvers', builtinResolverSuiteCases],
  ['OmegaConf test suite: merge', mergeSuiteCases],
  ['OmegaConf test suite: select', selectSuiteCases],
  ['OmegaConf test suite: update', updateSuiteCases],
  ['OmegaConf test suite: to_yaml', toYamlSuiteCases],
  ['OmegaConf test suite: to_container', toContainerSuiteCases],
] as const)('OmegaConf differential: %s', (_, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
});
