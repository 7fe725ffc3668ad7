/**
 * The ML example's config schema: one declaration gives the task its type, validates every value
 * with the file or override it came from, and exports JSON Schema for editors (`tydra schema`).
 * Each group option is one member of a discriminated union on `name`.
 */
import { t } from 'tydra/schema';
import { z } from 'zod';

const fraction = z.number().gt(0).lt(1);

export const Dataset = z.discriminatedUnion('name', [
  z.object({ name: z.literal('moons'), n_samples: t.int().pipe(z.number().int().min(10)), noise: z.number().min(0), test_fraction: fraction }),
  z.object({
    name: z.literal('blobs'),
    n_samples: t.int().pipe(z.number().int().min(10)),
    noise: z.number().min(0),
    separation: z.number().default(2),
    test_fraction: fraction,
  }),
]);

export const Model = z.discriminatedUnion('name', [
  z.object({ name: z.literal('mlp'), hidden: t.int().pipe(z.number().int().min(1)), activation: z.enum(['tanh', 'relu']), init_scale: z.number().positive() }),
  z.object({ name: z.literal('logreg'), init_scale: z.number().positive() }),
]);

export const Optimizer = z.discriminatedUnion('name', [
  z.object({ name: z.literal('sgd'), lr: t.number().pipe(z.number().positive()), momentum: z.number().min(0).max(1).default(0), weight_decay: z.number().min(0).default(0) }),
  z.object({
    name: z.literal('adam'),
    lr: t.number().pipe(z.number().positive()),
    betas: z.tuple([z.number(), z.number()]).default([0.9, 0.999]),
    eps: z.number().positive().default(1e-8),
    weight_decay: z.number().min(0).default(0),
  }),
]);

export const Config = z.object({
  seed: t.int(),
  dataset: Dataset,
  model: Model,
  optimizer: Optimizer,
  train: z.object({
    epochs: t.int().pipe(z.number().int().min(1)),
    batch_size: t.int().pipe(z.number().int().min(1)),
    log_every: t.int().pipe(z.number().int().min(1)),
  }),
});

export type TrainConfig = z.output<typeof Config>;
