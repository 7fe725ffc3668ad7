// Type tests for the compose API (run by `tsd` against dist/index.d.ts; `npm test` builds first).
import { expectAssignable, expectError, expectNotAssignable, expectType } from 'tsd';
import { z } from 'zod';
import {
  type ComposeDetails,
  type ConfigObject,
  type ConfigOf,
  ConfigStore,
  ConfigValidationError,
  type ConfigIssue,
  compose,
  composeDetailed,
  composeDetailedSync,
  validateConfig,
} from '../dist/index.js';
import { t } from '../dist/schema-fields.js';

const Config = z.object({
  db: z.object({ host: z.string(), port: t.int().default(5432) }),
  optim: z.discriminatedUnion('name', [
    z.object({ name: z.literal('adam'), lr: z.number(), betas: z.tuple([z.number(), z.number()]) }),
    z.object({ name: z.literal('sgd'), lr: z.number(), momentum: z.number().optional() }),
  ]),
  mode: z.enum(['train', 'eval']),
  tags: z.array(z.string()),
  weights: z.record(z.string(), z.number()),
  debug: t.bool().default(false),
});

type Expected = {
  db: { host: string; port: number };
  optim: { name: 'adam'; lr: number; betas: [number, number] } | { name: 'sgd'; lr: number; momentum?: number | undefined };
  mode: 'train' | 'eval';
  tags: string[];
  weights: Record<string, number>;
  debug: boolean;
};

// With a schema: exactly the schema's output type.
const cfg = await compose({ configDir: 'conf', configName: 'config', schema: Config });
expectType<z.output<typeof Config>>(cfg);
expectType<Expected>(cfg);
expectAssignable<z.output<typeof Config>>({} as Expected);
expectType<number>(cfg.db.port);
expectType<boolean>(cfg.debug);
expectType<'train' | 'eval'>(cfg.mode);
if (cfg.optim.name === 'adam') expectType<[number, number]>(cfg.optim.betas);
else expectType<number | undefined>(cfg.optim.momentum);

// A wrong property access does not compile.
expectError(cfg.db.prot);
expectError(cfg.optim.betas);
expectError(cfg.nope);

// The output type, not the input type: t.int() accepts strings in YAML but is a number in the config.
expectNotAssignable<string>(cfg.db.port);
expectType<number | string | undefined>({} as z.input<typeof Config>['db']['port']);

// Without a schema: plain JSON-like data.
const plain = await compose({ configDir: 'conf', configName: 'config', overrides: ['db=mysql'] });
expectType<ConfigObject>(plain);

// The detailed variants carry the same config type.
const detailed = await composeDetailed({ configDir: 'conf', configName: 'config', schema: Config });
expectType<ComposeDetails<z.output<typeof Config>>>(detailed);
expectType<number>(detailed.config.db.port);
expectType<Record<string, string | string[] | null>>(detailed.choices);
expectType<string | undefined>(detailed.sourceOf('db.port')?.from);
expectType<ComposeDetails<ConfigObject>>(composeDetailedSync({ configName: 'config' }));

// zod/mini schemas type the config as well.
import * as zm from 'zod/mini';
const Mini = zm.object({ seed: zm.number() });
expectType<{ seed: number }>(await compose({ configName: 'config', schema: Mini }));

// validateConfig (what main() calls) and ConfigOf.
declare const composition: Parameters<typeof validateConfig>[0];
expectType<z.output<typeof Config>>(validateConfig(composition, Config));
expectType<ConfigObject>(validateConfig(composition));
expectType<ConfigObject>({} as ConfigOf<undefined>);
expectType<{ seed: number }>({} as ConfigOf<typeof Mini>);

// Only zod schemas are schemas; stores take zod schemas too.
expectError(compose({ configName: 'config', schema: { type: 'object' } }));
new ConfigStore().register({ group: 'db', name: 'base', schema: Config.shape.db });
expectError(new ConfigStore().register({ name: 'x', schema: 'nope' }));

// The error is data.
declare const err: ConfigValidationError;
expectType<readonly ConfigIssue[]>(err.issues);
declare const issue: ConfigIssue;
expectType<(string | number)[]>(issue.path);
expectType<string | undefined>(issue.source);
expectType<string | undefined>(issue.expected);
expectType<string>(issue.received);
