/** tydra: Hydra-style configuration composition for TypeScript. The public API (re-exports only). */
export { compose, composeDetailed, composeDetailedSync } from './compose/api.js';
export type { ComposeDetails, ComposeRequest, ConfigObject, ConfigValue } from './compose/api.js';
export type { RunMode } from './compose/compose.js';
export { main } from './runtime/main.js';
export type { MainOptions } from './runtime/main.js';
export type { RunContext } from './runtime/run-job.js';
export type { JobResult, JobStatus } from './runtime/job-types.js';
export type { AppFlagSpec, AppFlagValues } from './cli/app-flags.js';
export type { Logger, LogLevel } from './runtime/logger.js';
export { instantiate, InstantiationError } from './runtime/instantiate.js';
export type { InstantiateOptions, TargetRegistry } from './runtime/instantiate.js';
export type { Callback, CallbackEvent } from './runtime/callbacks.js';
export { ConfigStore } from './repository/config-store.js';
export type { StoreEntry } from './repository/config-store.js';
export { ConfigValidationError, describeOrigin, originOf, validateConfig, validateConfigAsync } from './schema/index.js';
export type { ConfigIssue, ConfigOf, ConfigSchema, ValueOrigin } from './schema/index.js';
export { registerResolver } from './config/resolvers/global.js';
export { ResolverRegistry } from './config/resolvers/registry.js';
export type { ResolverArgument, ResolverContext, ResolverFunction, ResolverOptions } from './config/resolvers/registry.js';
export { TydraError } from './errors.js';
export {
  ConfigError,
  ConfigKeyError,
  ConfigTypeError,
  ReadonlyConfigError,
  InterpolationCycleError,
  InterpolationError,
  InterpolationKeyError,
  InterpolationSyntaxError,
  InterpolationToMissingValueError,
  MissingMandatoryValueError,
  ResolverError,
  UnsupportedInterpolationTypeError,
} from './config/errors.js';
export { ConfigLoadError } from './config/load.js';
export { ConfigCompositionError, MissingConfigError } from './defaults/errors.js';
export { OverrideParseError } from './overrides/errors.js';
export { parseOverride, parseOverrides } from './overrides/parser.js';
export type { Override } from './overrides/types.js';
