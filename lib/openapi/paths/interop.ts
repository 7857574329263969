import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { bundleSchema } from '@/lib/interop/bundle';
import { importQuerySchema, importReportSchema, promptExportQuerySchema } from '@/lib/interop/schemas';
import { errorResponses, idParam, okResponse } from '../common';

const tags = ['Import and export'];

export const interopPaths: ZodOpenApiPathsObject = {
  '/api/v1/prompts/{id}/export': {
    get: {
      operationId: 'exportPrompt',
      tags,
      summary: 'Export one prompt',
      description:
        'All versions, labels and deployments. `format=json` answers a PromptLab bundle with this one prompt (importable as is); ' +
        '`format=markdown` a readable document. `runs=true` (JSON only) adds the prompt’s newest 1,000 runs under `prompts[0].runs` ' +
        '(`{ cap, truncated, items }`).',
      requestParams: { path: idParam(), query: promptExportQuerySchema },
      responses: {
        '200': {
          description: 'The prompt (as an attachment)',
          content: { 'application/json': { schema: z.object({ data: bundleSchema, error: z.null() }) }, 'text/markdown': { schema: z.string() } },
        },
        ...errorResponses('INVALID_INPUT', 'NOT_FOUND'),
      },
    },
  },
  '/api/v1/export': {
    get: {
      operationId: 'exportWorkspace',
      tags,
      summary: 'Export the workspace',
      description: 'Every live prompt (versions, labels, deployments) and every dataset (items) as one PromptLab bundle, as an attachment.',
      responses: { '200': okResponse('The bundle', bundleSchema), ...errorResponses() },
    },
  },
  '/api/v1/import': {
    post: {
      operationId: 'importFile',
      tags,
      summary: 'Import a file',
      description:
        'The body is the file: a PromptLab bundle (JSON, up to 20 MB), a promptfoo config (YAML or JSON), Langfuse prompts as its API ' +
        'returns them (JSON), or OpenAI prompt objects (JSON) / an eval dataset (JSON Lines), up to 5 MB. Editors and up. ' +
        '`dryRun=true` answers the report without writing anything; otherwise everything is written in one transaction. ' +
        'Prompts match by slug (identical versions are reported as existing, different ones appended), datasets by name and items ' +
        '(a different dataset of the same name is imported as `name (2)`). Whatever could not be carried over is listed in `skipped`.',
      requestParams: { query: importQuerySchema },
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: z.unknown() },
          'application/yaml': { schema: z.string() },
          'application/x-ndjson': { schema: z.string() },
          'text/plain': { schema: z.string() },
        },
      },
      responses: {
        '200': okResponse('The report of a dry run', importReportSchema),
        '201': okResponse('The report of the import', importReportSchema),
        ...errorResponses('BAD_REQUEST', 'FORBIDDEN', 'INVALID_INPUT', 'PAYLOAD_TOO_LARGE'),
      },
    },
  },
};
