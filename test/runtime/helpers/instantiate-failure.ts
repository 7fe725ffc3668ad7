/** The InstantiationError `instantiate(config, opts)` rejects with (the test fails if it resolves). */
import { expect } from 'vitest';
import { type InstantiateOptions, InstantiationError, instantiate } from '../../../src/runtime/instantiate.js';

export async function instantiateFailure(config: unknown, opts: InstantiateOptions): Promise<InstantiationError> {
  try {
    await instantiate(config, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(InstantiationError);
    return e as InstantiationError;
  }
  throw new Error('expected an InstantiationError');
}
