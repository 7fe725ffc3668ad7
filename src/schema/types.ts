/**
 * The types that tie a zod schema to the config a task sees. Type-only: nothing here loads zod.
 *
 * The config is the schema's *output* (`z.output`): what `safeParse` returns after defaults are
 * filled, coercions (`t.int()`) applied and transforms run. The YAML files and overrides are its
 * *input* (`z.input`), which is what the JSON Schema for editors describes.
 */
import type { z } from 'zod';
import type { ConfigObject } from '../compose/api.js';

/** Any zod 4 schema (classic `zod` or `zod/mini`). */
export type ConfigSchema = z.core.$ZodType;

/**
 * The config type for an optional schema: `z.output<S>` with a schema, plain JSON-like data
 * (`ConfigObject`) without one.
 *
 * @example
 * function run<S extends ConfigSchema | undefined>(schema?: S): ConfigOf<S> { … }
 */
export type ConfigOf<S extends ConfigSchema | undefined> = [S] extends [ConfigSchema] ? z.output<S> : ConfigObject;
