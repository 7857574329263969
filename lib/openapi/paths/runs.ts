import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { createRunSchema, listRunsQuerySchema, saveRunVersionSchema } from '@/lib/runs/schemas';
import { idParam, okResponse } from '../common';
import { actionErrors, jsonBody, readErrors, writeErrors } from '../operations';
import { versionViewSchema } from '../schemas/prompts';
import { runAcceptedSchema, runViewSchema, runWithTitleSchema } from '../schemas/runs';
import { page } from '../schemas/shared';

const runId = idParam();
const replayed = z.object({ 'Idempotent-Replayed': z.literal('true').optional().meta({ description: 'Set when an earlier request with the same idempotency key made this run' }) });

export const runsPaths: ZodOpenApiPathsObject = {
  '/api/v1/runs': {
    post: {
      operationId: 'createRun',
      tags: ['Runs'],
      summary: 'Run a prompt',
      description:
        'By `promptId` (a version, the current one, or a `draft`), or as apps call it by `slug` with an optional `label` ' +
        '(default `production`, else `latest`) and a sticky split `key`. Answers 202 `{ id, status }` and runs in the ' +
        'background (follow it with GET /runs/{id} or its stream). With `wait` (seconds, up to 60) the request holds until ' +
        'the run finishes and answers 200 with the finished run; past the wait it answers 202 as without. ' +
        'An `Idempotency-Key` header (or `idempotencyKey`) replays the first run: 200 with `Idempotent-Replayed: true`.',
      requestParams: { header: z.object({ 'Idempotency-Key': z.string().max(255).optional() }) },
      requestBody: jsonBody(createRunSchema.meta({ id: 'CreateRunBody' })),
      responses: {
        '200': {
          description: 'The finished run (with `wait`), or the replayed run `{ id, status }` for a repeated idempotency key',
          headers: replayed,
          content: { 'application/json': { schema: z.object({ data: z.union([runWithTitleSchema, runAcceptedSchema]), error: z.null() }) } },
        },
        '202': okResponse('Accepted: the run is queued', runAcceptedSchema),
        ...writeErrors('BUDGET_EXCEEDED', 'RATE_LIMITED', 'PROVIDER_ERROR'),
      },
    },
    get: {
      operationId: 'listRuns',
      tags: ['Runs'],
      summary: 'List runs, newest first',
      description: 'Filters combine. Experiment cell runs are left out unless `experimentId` is given.',
      requestParams: { query: listRunsQuerySchema },
      responses: { '200': okResponse('A page of runs', page(runWithTitleSchema)), ...readErrors() },
    },
  },
  '/api/v1/runs/{id}': {
    get: {
      operationId: 'getRun',
      tags: ['Runs'],
      summary: 'Get a run',
      requestParams: { path: runId },
      responses: { '200': okResponse('The run', runWithTitleSchema), ...readErrors() },
    },
  },
  '/api/v1/runs/{id}/cancel': {
    post: {
      operationId: 'cancelRun',
      tags: ['Runs'],
      summary: 'Cancel a queued or running run',
      description: '409 when the run already finished.',
      requestParams: { path: runId },
      responses: { '200': okResponse('The canceled run', runViewSchema), ...actionErrors('CONFLICT') },
    },
  },
  '/api/v1/runs/{id}/save-version': {
    post: {
      operationId: 'saveRunAsVersion',
      tags: ['Runs'],
      summary: "Save a draft run's template as the prompt's next version",
      description: '409 when another version was saved since `baseVersionNumber`, or the run is not a draft run.',
      requestParams: { path: runId },
      requestBody: jsonBody(saveRunVersionSchema.meta({ id: 'SaveRunVersionBody' })),
      responses: { '201': okResponse('The new version', versionViewSchema), ...writeErrors('CONFLICT') },
    },
  },
  '/api/v1/runs/{id}/stream': {
    get: {
      operationId: 'streamRun',
      tags: ['Runs'],
      summary: "Follow a run's output (Server-Sent Events)",
      description:
        'Events: `delta` `{ type, text }` as the output grows, `status` `{ type, status }`, `snapshot` `{ type, output, status }` ' +
        'for a run that finished before you connected, and `done` `{ type, status }` last. Reconnect with `Last-Event-ID` ' +
        '(or `?after=`) to resume after the last event you saw. Comment lines keep the connection alive.',
      requestParams: {
        path: runId,
        query: z.object({ after: z.string().optional().meta({ description: 'Resume after this event id' }) }),
        header: z.object({ 'Last-Event-ID': z.string().optional() }),
      },
      responses: {
        '200': { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
        ...readErrors(),
      },
    },
  },
};
