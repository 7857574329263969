// JSON shapes of the datasets and workspace prices API as the browser receives them, from the server's views.
// Type-only: no server code reaches the browser bundle.
import type { z } from 'zod';
import type { newWorkspacePriceSchema } from '@/lib/llm/workspace-price-schema';
import type { PriceView } from '@/lib/llm/workspace-prices';
import type { DatasetDetailView, DatasetItemView, DatasetView } from '@/lib/datasets/views';
import type { Jsonify } from './types';
import type { newDatasetSchema, updateDatasetSchema, updateItemSchema, datasetItemSchema } from '@/lib/datasets/schemas';

/** A row of GET /datasets. */
export type Dataset = Jsonify<DatasetView>;
/** GET /datasets/{id}: with the sorted union of the items' input keys. */
export type DatasetDetail = Jsonify<DatasetDetailView>;
/** `expected` is text or any JSON value, null when there is none. */
export type DatasetItem = Omit<Jsonify<DatasetItemView>, 'input' | 'metadata' | 'expected'> & {
  input: Record<string, unknown>;
  expected: unknown;
  metadata: Record<string, unknown>;
};
export type AddItemsResponse = { count: number; items: DatasetItem[] };
export type ImportResponse = { count: number; dataset: DatasetDetail };

export type NewDatasetBody = z.input<typeof newDatasetSchema>;
export type UpdateDatasetBody = z.input<typeof updateDatasetSchema>;
export type DatasetItemBody = z.input<typeof datasetItemSchema>;
export type UpdateItemBody = z.input<typeof updateItemSchema>;

/** A workspace's own price for a provider/model (GET /workspace/prices), per million tokens. */
export type ModelPrice = Jsonify<PriceView>;
export type NewModelPriceBody = z.input<typeof newWorkspacePriceSchema>;

export type ImportMode = 'append' | 'replace';
