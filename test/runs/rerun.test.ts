import { describe, expect, it } from 'vitest';
import { keptArguments } from '../../src/runs/rerun.js';

describe('keptArguments: the original command line without its overrides and sweep flags', () => {
  it('keeps Hydra flags with their values and drops overrides', () => {
    expect(keptArguments(['-cd', 'conf', '-cn', 'train', 'optimizer.lr=0.1', '+x=1', '~y', '--quiet'])).toEqual({ flags: ['-cd', 'conf', '-cn', 'train', '--quiet'], passthrough: [] });
  });

  it('drops -m, the sweep flags and --tydra-job with its two arguments', () => {
    expect(keptArguments(['-m', 'seed=1,2', '--max-failures', '2', '--fail-fast', '--tydra-job', 'sweep/jobs.jsonl', '3', '-cn', 'x'])).toEqual({ flags: ['-cn', 'x'], passthrough: [] });
  });

  it("keeps the app's own flags, with a value when the next word is not an override", () => {
    expect(keptArguments(['--epochs', '3', '--dry-run', 'seed=1', '--name=run1', '--tag', 'a=b'])).toEqual({ flags: ['--epochs', '3', '--dry-run', '--name=run1', '--tag'], passthrough: [] });
  });

  it('keeps everything after -- as it was', () => {
    expect(keptArguments(['--shell', 'seed=1', '--', 'python', 'x.py', '--lr', '{{lr}}', 'a=b'])).toEqual({ flags: ['--shell'], passthrough: ['python', 'x.py', '--lr', '{{lr}}', 'a=b'] });
  });
});
