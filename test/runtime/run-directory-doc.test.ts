import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_SNAPSHOT_FILE, LOCKFILE_NAMES } from '../../src/runtime/env-snapshot.js';
import { GIT_SNAPSHOT_FILES } from '../../src/runtime/git-snapshot.js';
import {
  DEFAULT_ALLOW,
  HIGH_ENTROPY_RULE,
  SECRET_NAME_FRAGMENTS,
  SECRET_NAME_WORDS,
  SECRET_VALUE_RULES,
  URL_PASSWORD_RULE,
} from '../../src/runtime/redact.js';
import { RUN_CONTEXT_ENV } from '../../src/runtime/run-dir.js';
import { RUN_RECORD_FILE } from '../../src/runtime/run-record.js';

const doc = readFileSync(join(process.cwd(), 'docs', 'run-directory.md'), 'utf8');

describe('docs/run-directory.md', () => {
  it('lists every secret name word and fragment', () => {
    for (const word of [...SECRET_NAME_WORDS, ...SECRET_NAME_FRAGMENTS.contains, ...SECRET_NAME_FRAGMENTS.endsWith]) {
      expect(doc, word).toContain(`\`${word}\``);
    }
  });

  it('lists every value rule, the default allow list and the URL rule', () => {
    for (const id of [...SECRET_VALUE_RULES.map((rule) => rule.id), HIGH_ENTROPY_RULE.id, URL_PASSWORD_RULE.id]) {
      expect(doc, id).toContain(`\`${id}\``);
    }
    for (const name of DEFAULT_ALLOW) expect(doc, name).toContain(`\`${name}\``);
  });

  it('names every file, lockfile and environment variable the runtime writes or reads', () => {
    const names = [RUN_RECORD_FILE, ENV_SNAPSHOT_FILE, ...Object.values(GIT_SNAPSHOT_FILES), ...LOCKFILE_NAMES];
    for (const name of [...names, ...Object.values(RUN_CONTEXT_ENV)]) expect(doc, name).toContain(`\`${name}\``);
  });
});
