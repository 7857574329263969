import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  compareQuerySchema,
  createExperimentSchema,
  experimentExportQuerySchema,
  listCellsQuerySchema,
  listExperimentItemsQuerySchema,
  listExperimentsQuerySchema,
  rerunExperimentSchema,
} from '@/lib/experiments/schemas';
import { idParam, okResponse } from '../common';
import { actionErrors, jsonBody, readErrors, writeErrors } from '../operations';
import {
  cellViewSchema,
  comparisonSchema,
  createdExperimentSchema,
  experimentDetailSchema,
  experimentItemSchema,
  experimentViewSchema,
} from '../schemas/experiments';
import { jsonObject, page, uuid } from '../schemas/shared';

const experimentId = idParam();

export const experimentsPaths: ZodOpenApiPathsObject = {
  '/api/v1/experiments': {
    post: {
      operationId: 'createExperiment',
      tags: ['Experiments'],
      summary: 'Run prompt variants over a dataset',
      description:
        'Checks the variants, evaluators and budget, records every cell (items × variants × repeats, up to 50,000) and ' +
        'starts in the background: 202. Cells whose run is already known (same content, model, input, repeat) are reused ' +
        'at no cost when `cache` is on. Follow it with GET /experiments/{id} or its stream.',
      requestBody: jsonBody(createExperimentSchema.meta({ id: 'CreateExperimentBody' })),
      responses: {
        '202': okResponse('Accepted', createdExperimentSchema.omit({ savedUsd: true })),
        ...writeErrors('BUDGET_EXCEEDED', 'RATE_LIMITED'),
      },
    },
    get: {
      operationId: 'listExperiments',
      tags: ['Experiments'],
      summary: 'List experiments, newest first',
      requestParams: { query: listExperimentsQuerySchema },
      responses: { '200': okResponse('A page of experiments', page(experimentViewSchema)), ...readErrors() },
    },
  },
  '/api/v1/experiments/{id}': {
    get: {
      operationId: 'getExperiment',
      tags: ['Experiments'],
      summary: 'Get an experiment with its per-variant summary',
      description: 'Pass rates with 95% intervals, scores, latency, tokens and cost per variant.',
      requestParams: { path: experimentId },
      responses: { '200': okResponse('The experiment', experimentDetailSchema), ...readErrors() },
    },
  },
  '/api/v1/experiments/{id}/cells': {
    get: {
      operationId: 'listExperimentCells',
      tags: ['Experiments'],
      summary: 'List cells in grid order',
      requestParams: { path: experimentId, query: listCellsQuerySchema },
      responses: { '200': okResponse('A page of cells', page(cellViewSchema)), ...readErrors() },
    },
  },
  '/api/v1/experiments/{id}/items': {
    get: {
      operationId: 'listExperimentItems',
      tags: ['Experiments'],
      summary: 'The items it ran, as they were then',
      requestParams: { path: experimentId, query: listExperimentItemsQuerySchema },
      responses: { '200': okResponse('A page of items', page(experimentItemSchema)), ...readErrors() },
    },
  },
  '/api/v1/experiments/{id}/compare': {
    get: {
      operationId: 'compareExperimentVariants',
      tags: ['Experiments'],
      summary: 'Compare two variants, paired by item and repeat',
      description: 'Pass-rate and score differences with intervals, an exact McNemar test and a verdict with its reason.',
      requestParams: { path: experimentId, query: compareQuerySchema },
      responses: { '200': okResponse('The comparison', comparisonSchema), ...readErrors() },
    },
  },
  '/api/v1/experiments/{id}/export': {
    get: {
      operationId: 'exportExperiment',
      tags: ['Experiments'],
      summary: 'Download the experiment (items, cells, summary) as JSON or CSV',
      requestParams: { path: experimentId, query: experimentExportQuerySchema },
      responses: {
        '200': {
          description: 'The file (an attachment)',
          content: { 'application/json': { schema: jsonObject }, 'text/csv': { schema: z.string() } },
        },
        ...readErrors(),
      },
    },
  },
  '/api/v1/experiments/{id}/stream': {
    get: {
      operationId: 'streamExperiment',
      tags: ['Experiments'],
      summary: 'Follow progress (Server-Sent Events)',
      description:
        'A `progress` event `{ type, status, progress, costUsd, reusedCells, stopReason, startedAt, finishedAt, etaSeconds }` ' +
        'whenever cells finish, then `done` with the same fields.',
      requestParams: { path: experimentId },
      responses: { '200': { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } }, ...readErrors() },
    },
  },
  '/api/v1/experiments/{id}/cancel': {
    post: {
      operationId: 'cancelExperiment',
      tags: ['Experiments'],
      summary: 'Cancel an experiment',
      description: 'Stops every pending cell; 409 when it already finished.',
      requestParams: { path: experimentId },
      responses: { '200': okResponse('The canceled experiment', experimentViewSchema), ...actionErrors('CONFLICT') },
    },
  },
  '/api/v1/experiments/{id}/rerun': {
    post: {
      operationId: 'rerunExperiment',
      tags: ['Experiments'],
      summary: "Start a new experiment from this one's configuration, with changes",
      description: 'Every field defaults to the original\'s. Unchanged cells are reused (`savedUsd` says what that saved).',
      requestParams: { path: experimentId },
      requestBody: jsonBody(rerunExperimentSchema.meta({ id: 'RerunExperimentBody' })),
      responses: { '202': okResponse('Accepted', createdExperimentSchema), ...writeErrors('BUDGET_EXCEEDED', 'RATE_LIMITED') },
    },
  },
  '/api/v1/experiments/{id}/retry-errors': {
    post: {
      operationId: 'retryExperimentErrors',
      tags: ['Experiments'],
      summary: 'Run (or score) the errored cells again',
      requestParams: { path: experimentId },
      responses: { '202': okResponse('Accepted', z.object({ id: uuid, retried: z.int() })), ...actionErrors('CONFLICT') },
    },
  },
};
