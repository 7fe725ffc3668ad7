import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { YamlNode } from '../../../src/config/yaml/ast.js';
import { YamlSyntaxError } from '../../../src/config/yaml/errors.js';
import { BAIL, parseYamlFast } from '../../../src/config/yaml/fast.js';
import { parseYamlSlow } from '../../../src/config/yaml/slow.js';
import { configDocument, exoticDocument, lineSoupDocument, mutatedDocument } from './generators.js';
import { conformanceYamlFiles, readText } from './helpers.js';
import { REALISTIC, SNIPPETS } from './snippets.js';

type Outcome = { bailed: true } | { bailed: false };

/** Asserts the fast path bails or agrees with the slow path (which must then succeed). */
function expectFastAgrees(text: string): Outcome {
  let fast: YamlNode | undefined | typeof BAIL;
  expect(() => {
    fast = parseYamlFast(text);
  }, 'the fast path never throws').not.toThrow();
  let slow: { document: YamlNode | undefined } | undefined;
  let slowError: unknown;
  try {
    slow = parseYamlSlow(text);
  } catch (error) {
    slowError = error;
  }
  if (slowError !== undefined) {
    expect(slowError, `slow path error for ${JSON.stringify(text)}`).toBeInstanceOf(YamlSyntaxError);
    expect(fast, `fast path accepted what the slow path rejects: ${JSON.stringify(text)}`).toBe(BAIL);
    return { bailed: true };
  }
  if (fast === BAIL) return { bailed: true };
  expect(fast, `fast and slow differ on ${JSON.stringify(text)}`).toStrictEqual(slow!.document);
  return { bailed: false };
}

const files = conformanceYamlFiles();

describe('fast path agrees with slow path', () => {
  it.skipIf(files.length === 0)('on every conformance config file, without bailing on valid ones', () => {
    let bailed = 0;
    for (const file of files) {
      const text = readText(file);
      if (expectFastAgrees(text).bailed) {
        // Only files the slow path rejects may bail (the duplicate-key error case).
        expect(() => parseYamlSlow(text), file).toThrow(YamlSyntaxError);
        bailed++;
      }
    }
    expect(bailed).toBeLessThanOrEqual(1);
  });

  it.skipIf(files.length === 0)('on every conformance config file with CRLF line breaks', () => {
    for (const file of files) expectFastAgrees(readText(file).replace(/\n/g, '\r\n'));
  });

  it.each(SNIPPETS.map((s) => [s]))('on the snippet %j', (text) => {
    expectFastAgrees(text);
    expectFastAgrees(text.replace(/\n/g, '\r\n'));
  });

  it.each(REALISTIC.map((s) => [s]))('on the realistic config %j, without bailing', (text) => {
    expect(expectFastAgrees(text).bailed).toBe(false);
  });

  it('on generated config documents, bailing on under 5% of them', () => {
    let total = 0;
    let bailed = 0;
    fc.assert(
      fc.property(configDocument, (text) => {
        total++;
        if (expectFastAgrees(text).bailed) bailed++;
      }),
      { numRuns: 1500 },
    );
    expect(bailed / total).toBeLessThan(0.05);
  });

  it('on generated documents with random edits', () => {
    fc.assert(
      fc.property(mutatedDocument, (text) => {
        expectFastAgrees(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('on short documents of random YAML-ish lines', () => {
    fc.assert(
      fc.property(lineSoupDocument, (text) => {
        expectFastAgrees(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('on documents using slow-path-only features (which the fast path must leave alone)', () => {
    fc.assert(
      fc.property(exoticDocument, (text) => {
        expect(parseYamlFast(text)).toBe(BAIL);
        expectFastAgrees(text);
      }),
      { numRuns: 20 },
    );
  });
});

describe('garbage input', () => {
  const yamlish = fc.string({
    unit: fc.constantFrom(...'ab01 :-#\'"[]{},|>&*!?%@`\\\n\n\n\t.~'.split(''), '---', '...', '<<', '\r\n', '\u00e9'),
    maxLength: 60,
  });

  it('never makes the fast path throw; the slow path parses or reports a line and column', () => {
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 30 })), (text) => {
        expectFastAgrees(text);
        try {
          parseYamlSlow(text);
        } catch (error) {
          expect(error).toBeInstanceOf(YamlSyntaxError);
          const e = error as YamlSyntaxError;
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.col).toBeGreaterThanOrEqual(1);
          expect(e.offset).toBeGreaterThanOrEqual(0);
          expect(e.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
