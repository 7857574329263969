import { z } from 'zod';

/** Limits of datasets, shared by the API, the importer and the UI. */
export const MAX_DATASET_ITEMS = 10_000;
export const MAX_ITEMS_PER_REQUEST = 10_000;
/** Bodies of POST …/items and …/import (a 10,000-row file fits). */
export const MAX_DATASET_BODY_BYTES = 20 * 1024 * 1024;
/** One item's input, expected and metadata together, as JSON. */
export const MAX_ITEM_BYTES = 256 * 1024;
export const MAX_ITEM_VARIABLES = 100;
/** Columns of a CSV file, import and export alike (input variables + `expected` + metadata keys). */
export const MAX_DATASET_COLUMNS = 200;
export const MAX_DATASET_NAME = 200;
export const MAX_DATASET_DESCRIPTION = 2_000;

/**
 * Names that would be lost or change an object's prototype when assigned into a plain object (`__proto__`), or read
 * as the object's own machinery: refused as variable names and metadata keys.
 */
const RESERVED_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];
export const isReservedName = (name: string) => RESERVED_NAMES.includes(name);
export const reservedNameMessage = (name: string, kind: 'variable' | 'metadata key') =>
  `\`${name}\` is reserved and cannot be a ${kind} name: rename it`;

/** Checked on the raw JSON (own keys), before z.record builds a plain object and `__proto__` silently vanishes. */
const withoutReservedKeys = (kind: 'variable' | 'metadata key') =>
  z.unknown().superRefine((value, ctx) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const key of Object.keys(value)) if (isReservedName(key)) ctx.addIssue({ code: 'custom', path: [key], message: reservedNameMessage(key, kind) });
  });

const variableName = z.string().min(1, 'variable names cannot be empty').max(100, 'variable names are at most 100 characters');

export const datasetItemSchema = z.strictObject({
  input: withoutReservedKeys('variable').pipe(z.record(variableName, z.unknown())).refine((input) => Object.keys(input).length <= MAX_ITEM_VARIABLES, `at most ${MAX_ITEM_VARIABLES} variables`),
  /** Text or any JSON value. */
  expected: z.unknown().optional(),
  metadata: withoutReservedKeys('metadata key').pipe(z.record(z.string().max(100), z.unknown())).optional(),
});
export type DatasetItemInput = z.infer<typeof datasetItemSchema>;

/** POST …/items with several items at once. */
export const addItemsBodySchema = z.strictObject({
  items: z.array(datasetItemSchema).min(1, 'send at least one item').max(MAX_ITEMS_PER_REQUEST, `at most ${MAX_ITEMS_PER_REQUEST} items at once`),
});

/** Add a run to a dataset: its variables become the input and its output the expected value. */
export const addRunItemSchema = z.strictObject({ runId: z.uuid({ message: 'must be a run id' }) });

export const updateItemSchema = z
  .strictObject({
    input: datasetItemSchema.shape.input.optional(),
    expected: z.unknown().optional(),
    metadata: datasetItemSchema.shape.metadata,
  })
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one of input, expected, metadata');

export const newDatasetSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(MAX_DATASET_NAME),
  description: z.string().max(MAX_DATASET_DESCRIPTION).optional(),
  items: z.array(datasetItemSchema).max(MAX_ITEMS_PER_REQUEST).optional(),
});

export const updateDatasetSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'cannot be empty').max(MAX_DATASET_NAME).optional(),
    description: z.string().max(MAX_DATASET_DESCRIPTION).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'send name or description');

export const listDatasetsQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const listItemsQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const exportQuerySchema = z.strictObject({ format: z.enum(['csv', 'jsonl']).default('jsonl') });
