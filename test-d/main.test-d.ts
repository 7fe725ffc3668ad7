// Type tests for main() (run by `tsd` against dist/index.d.ts; `npm test` builds first).
import { expectAssignable, expectError, expectType } from 'tsd';
import { z } from 'zod';
import { type ConfigObject, type JobResult, type RunContext, main } from '../dist/index.js';
import { t } from '../dist/schema-fields.js';

const Config = z.object({
  seed: t.int(),
  optimizer: z.discriminatedUnion('name', [
    z.object({ name: z.literal('sgd'), lr: z.number(), momentum: z.number().default(0.9) }),
    z.object({ name: z.literal('adam'), lr: z.number(), betas: z.tuple([z.number(), z.number()]) }),
  ]),
  tags: z.array(z.string()).optional(),
});

// With a schema, the task's config is exactly the schema's output.
main({ configPath: 'conf', configName: 'config', schema: Config }, (cfg, ctx) => {
  expectType<z.output<typeof Config>>(cfg);
  expectType<number>(cfg.seed);
  expectType<'sgd' | 'adam'>(cfg.optimizer.name);
  if (cfg.optimizer.name === 'sgd') expectType<number>(cfg.optimizer.momentum);
  expectType<string[] | undefined>(cfg.tags);
  expectError(cfg.optimzer);
  expectError(cfg.seed.toUpperCase());
  expectType<string>(ctx.outputDir);
  expectType<number>(ctx.job.num);
  return { accuracy: 1 };
});

// Without a schema: plain JSON-like data.
main({ configPath: 'conf', configName: 'config' }, (cfg) => {
  expectType<ConfigObject>(cfg);
});

// A declared type for the config, without a schema.
interface Declared {
  lr: number;
}
main({ configPath: 'conf', configName: 'config' }, (cfg: Declared) => {
  expectType<number>(cfg.lr);
  expectError(cfg.lrr);
});

// main() resolves to the task's result (run) or the jobs' results (multirun), or undefined (--cfg, --help).
const result = main({ configName: 'config' }, () => ({ accuracy: 0.5 }));
expectType<Promise<{ accuracy: number } | JobResult[] | undefined>>(result);

// The context's flags are typed by the app.
main<undefined, ConfigObject, void, { 'dry-run': boolean }>({ flags: { 'dry-run': { type: 'boolean' } } }, (_cfg, ctx) => {
  expectType<boolean>(ctx.flags['dry-run']);
  expectAssignable<RunContext>(ctx as unknown as RunContext);
});
