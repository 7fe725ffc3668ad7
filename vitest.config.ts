import { defineConfig } from 'vitest/config';

// TYDRA_TEST_JSON=<file>: also write vitest's JSON report there (.ci/run counts passed/failed from it).
const jsonReport = process.env.TYDRA_TEST_JSON;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    ...(jsonReport ? { reporters: ['default', ['json', { outputFile: jsonReport }]] } : {}),
  },
});
