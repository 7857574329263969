import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  addItemsBodySchema,
  addRunItemSchema,
  datasetItemSchema,
  exportQuerySchema,
  listDatasetsQuerySchema,
  listItemsQuerySchema,
  newDatasetSchema,
  updateDatasetSchema,
  updateItemSchema,
} from '@/lib/datasets/schemas';
import { idParam, okResponse } from '../common';
import { actionErrors, jsonBody, readErrors, writeErrors } from '../operations';
import { addedItemsSchema, datasetDetailSchema, datasetItemViewSchema, datasetViewSchema, importedItemsSchema } from '../schemas/datasets';
import { page } from '../schemas/shared';

const datasetId = idParam();
const itemParams = z.object({ id: z.string(), itemId: z.string().meta({ description: 'The item id (a UUID)' }) });
const deleted = z.object({ id: z.string() });
const file = z.string();

export const datasetsPaths: ZodOpenApiPathsObject = {
  '/api/v1/datasets': {
    get: {
      operationId: 'listDatasets',
      tags: ['Datasets'],
      summary: 'List datasets, newest updated first',
      requestParams: { query: listDatasetsQuerySchema },
      responses: { '200': okResponse('A page of datasets', page(datasetViewSchema)), ...readErrors() },
    },
    post: {
      operationId: 'createDataset',
      tags: ['Datasets'],
      summary: 'Create a dataset, optionally with its first items',
      description: 'Up to 10,000 items in one transaction; bodies up to 20 MB. 409 when the name is taken.',
      requestBody: jsonBody(newDatasetSchema.meta({ id: 'CreateDatasetBody' })),
      responses: { '201': okResponse('The dataset', datasetDetailSchema), ...writeErrors('CONFLICT') },
    },
  },
  '/api/v1/datasets/{id}': {
    get: {
      operationId: 'getDataset',
      tags: ['Datasets'],
      summary: 'Get a dataset with the variables its items fill',
      requestParams: { path: datasetId },
      responses: { '200': okResponse('The dataset', datasetDetailSchema), ...readErrors() },
    },
    patch: {
      operationId: 'updateDataset',
      tags: ['Datasets'],
      summary: 'Rename a dataset or change its description',
      requestParams: { path: datasetId },
      requestBody: jsonBody(updateDatasetSchema.meta({ id: 'UpdateDatasetBody' })),
      responses: { '200': okResponse('The dataset', datasetDetailSchema), ...writeErrors('CONFLICT') },
    },
    delete: {
      operationId: 'deleteDataset',
      tags: ['Datasets'],
      summary: 'Delete a dataset',
      description: 'Experiments keep the items they ran; their `datasetId` becomes null.',
      requestParams: { path: datasetId },
      responses: { '200': okResponse('Deleted', deleted), ...actionErrors() },
    },
  },
  '/api/v1/datasets/{id}/items': {
    get: {
      operationId: 'listDatasetItems',
      tags: ['Datasets'],
      summary: 'List items in position order',
      requestParams: { path: datasetId, query: listItemsQuerySchema },
      responses: { '200': okResponse('A page of items', page(datasetItemViewSchema)), ...readErrors() },
    },
    post: {
      operationId: 'addDatasetItems',
      tags: ['Datasets'],
      summary: 'Add items',
      description: 'One item, `{ items: [...] }` (up to 10,000 at once), or `{ runId }` to add a run (its variables as input, its output as expected).',
      requestParams: { path: datasetId },
      requestBody: jsonBody(
        z.union([datasetItemSchema, addItemsBodySchema, addRunItemSchema]).meta({ id: 'AddDatasetItemsBody' }),
      ),
      responses: { '201': okResponse('The added items', addedItemsSchema), ...writeErrors() },
    },
  },
  '/api/v1/datasets/{id}/items/{itemId}': {
    patch: {
      operationId: 'updateDatasetItem',
      tags: ['Datasets'],
      summary: 'Change an item',
      description: 'Experiments that ran it keep what they ran.',
      requestParams: { path: itemParams },
      requestBody: jsonBody(updateItemSchema.meta({ id: 'UpdateDatasetItemBody' })),
      responses: { '200': okResponse('The item', datasetItemViewSchema), ...writeErrors() },
    },
    delete: {
      operationId: 'deleteDatasetItem',
      tags: ['Datasets'],
      summary: 'Delete an item',
      requestParams: { path: itemParams },
      responses: { '200': okResponse('Deleted', deleted), ...actionErrors() },
    },
  },
  '/api/v1/datasets/{id}/import': {
    post: {
      operationId: 'importDatasetFile',
      tags: ['Datasets'],
      summary: 'Import a CSV, JSONL or JSON file',
      description:
        'The body is the file, its format given by Content-Type. Every row is checked before anything is written: a bad ' +
        'file imports nothing, and the 422 names each problem. `mode=replace` swaps the items; `map.<column>=<target>` ' +
        'overrides where a CSV column goes (`input.<name>`, `expected`, `metadata.<key>`, `ignore`).',
      requestParams: {
        path: datasetId,
        query: z.object({ mode: z.enum(['append', 'replace']).optional() }).catchall(z.string()),
      },
      requestBody: {
        required: true,
        content: {
          'text/csv': { schema: file },
          'application/x-ndjson': { schema: file },
          'application/jsonl': { schema: file },
          'application/json': { schema: file },
        },
      },
      responses: { '201': okResponse('Imported', importedItemsSchema), ...writeErrors() },
    },
  },
  '/api/v1/datasets/{id}/export': {
    get: {
      operationId: 'exportDataset',
      tags: ['Datasets'],
      summary: 'Download the items as CSV or JSONL',
      description: 'The file imports back unchanged. A dataset too wide for CSV answers 422: export it as JSONL.',
      requestParams: { path: datasetId, query: exportQuerySchema },
      responses: {
        '200': { description: 'The file (an attachment)', content: { 'application/x-ndjson': { schema: file }, 'text/csv': { schema: file } } },
        ...readErrors(),
      },
    },
  },
};
