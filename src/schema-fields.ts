/**
 * `tydra/schema`: zod fields that convert strings the way OmegaConf's typed nodes do
 * (`t.int()`, `t.number()`, `t.bool()`). A separate entry point, so that apps without schemas do
 * not load zod.
 * @example import { t } from 'tydra/schema';
 */
export { t } from './schema/coerce.js';
