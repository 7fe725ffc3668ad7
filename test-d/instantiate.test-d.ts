// Type tests for instantiate (run by `tsd` against dist/index.d.ts; `npm test` builds first).
import { expectAssignable, expectError, expectNotAssignable, expectType } from 'tsd';
import { type InstantiateOptions, InstantiationError, type TargetRegistry, instantiate } from '../dist/index.js';

class MLP {
  constructor(readonly hidden: number) {}
}

// The result type is the caller's to name; unknown otherwise.
expectType<Promise<MLP>>(instantiate<MLP>({ _target_: 'MLP', hidden: 64 }, { registry: { MLP } }));
expectType<Promise<unknown>>(instantiate({ _target_: 'MLP' }));

// Registries are records or maps of anything callable.
expectAssignable<TargetRegistry>({ MLP, relu: (x: number) => Math.max(0, x) });
expectAssignable<TargetRegistry>(new Map<string, unknown>([['MLP', MLP]]));

// Options: call-time args and kwargs, imports by prefix, where the config sits.
expectAssignable<InstantiateOptions>({ args: [1, 2], kwargs: { lr: 0.1 }, allowImports: ['./models/'], importBase: '/app', at: 'model' });
expectNotAssignable<InstantiateOptions>({ at: 1 });
expectNotAssignable<InstantiateOptions>({ allowImports: 'yes' });
expectError(instantiate({}, { kwargs: [1] }));

// The error names the target and the key path.
declare const err: InstantiationError;
expectType<string>(err.target);
expectType<string>(err.key);
expectType<string | undefined>(err.hint);
