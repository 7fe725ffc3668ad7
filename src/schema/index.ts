/**
 * zod integration: validation with config-aware errors, the defaults a stored schema composes
 * as, provenance lookups. Nothing here imports zod at run time (see `coerce.ts` for `t`, which does).
 */
import { setSchemaDefaults } from '../repository/config-store.js';
import { schemaDefaults } from './defaults.js';

setSchemaDefaults(schemaDefaults);

export { schemaDefaults } from './defaults.js';
export { type ConfigIssue, ConfigValidationError } from './errors.js';
export { type ValueOrigin, describeOrigin, originOf } from './provenance.js';
export type { ConfigOf, ConfigSchema } from './types.js';
export { type SchemaTarget, storedSchemas, validateConfig, validateConfigAsync } from './validate.js';
