import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { saveInputSetSchema } from '@/lib/prompts/input-set-schema';
import {
  diffQuerySchema,
  listPromptsQuerySchema,
  listVersionsQuerySchema,
  newPromptSchema,
  newVersionSchema,
  restoreSchema,
  saveDraftSchema,
  updatePromptSchema,
} from '@/lib/prompts/schemas';
import { errorResponses, idParam, okResponse } from '../common';
import { actionErrors, jsonBody, readErrors, writeErrors } from '../operations';
import { draftViewSchema, inputSetViewSchema, promptListItemSchema, promptViewSchema, versionDiffSchema, versionSummarySchema, versionViewSchema } from '../schemas/prompts';
import { deletedSchema, isoDate, page } from '../schemas/shared';

const promptId = idParam();
const versionParams = z.object({ id: z.string(), number: z.string().meta({ description: 'The version number (1, 2, 3…)' }) });
const versionsAreImmutable = {
  tags: ['Versions'],
  summary: 'Versions are immutable',
  description: 'Always 405: save a new version, or restore this one to make a copy current.',
  requestParams: { path: versionParams },
  security: [],
  responses: errorResponses('METHOD_NOT_ALLOWED'),
};

export const promptsPaths: ZodOpenApiPathsObject = {
  '/api/v1/prompts': {
    get: {
      operationId: 'listPrompts',
      tags: ['Prompts'],
      summary: 'List prompts',
      description: 'Newest-updated first, keyset-paginated. `q` searches titles and slugs, `tag` filters.',
      requestParams: { query: listPromptsQuerySchema },
      responses: { '200': okResponse('A page of prompts', page(promptListItemSchema)), ...readErrors() },
    },
    post: {
      operationId: 'createPrompt',
      tags: ['Prompts'],
      summary: 'Create a prompt with its version 1',
      description: 'Send `userPrompt` (and optionally `systemPrompt`), or `messages` for a chat template. Editors and above.',
      requestBody: jsonBody(newPromptSchema.meta({ id: 'CreatePromptBody' })),
      responses: { '201': okResponse('The new prompt', promptViewSchema), ...writeErrors('CONFLICT') },
    },
  },
  '/api/v1/prompts/sample': {
    post: {
      operationId: 'createSamplePrompt',
      tags: ['Prompts'],
      summary: 'Add the first-run sample prompt (and its sample dataset)',
      responses: {
        '200': okResponse('The sample prompt, which already existed', promptViewSchema),
        '201': okResponse('The sample prompt, made now', promptViewSchema),
        ...actionErrors(),
      },
    },
  },
  '/api/v1/prompts/{id}': {
    get: {
      operationId: 'getPrompt',
      tags: ['Prompts'],
      summary: 'Get a prompt with its current version',
      requestParams: { path: promptId },
      responses: { '200': okResponse('The prompt', promptViewSchema), ...readErrors() },
    },
    patch: {
      operationId: 'updatePrompt',
      tags: ['Prompts'],
      summary: 'Change title, slug, description or tags',
      description: 'Metadata only: content changes are new versions.',
      requestParams: { path: promptId },
      requestBody: jsonBody(updatePromptSchema.meta({ id: 'UpdatePromptBody' })),
      responses: { '200': okResponse('The prompt', promptViewSchema), ...writeErrors('CONFLICT') },
    },
    delete: {
      operationId: 'deletePrompt',
      tags: ['Prompts'],
      summary: 'Delete a prompt',
      description: 'Hides it; its versions and runs stay as history.',
      requestParams: { path: promptId },
      responses: { '200': okResponse('Deleted', deletedSchema), ...actionErrors() },
    },
  },
  '/api/v1/prompts/{id}/versions': {
    get: {
      operationId: 'listVersions',
      tags: ['Versions'],
      summary: 'List versions, newest first',
      description: 'Summaries without the prompt text.',
      requestParams: { path: promptId, query: listVersionsQuerySchema },
      responses: { '200': okResponse('A page of versions', page(versionSummarySchema)), ...readErrors() },
    },
    post: {
      operationId: 'createVersion',
      tags: ['Versions'],
      summary: 'Save a new immutable version',
      description: '409 when `baseVersionNumber` is not the latest version (someone saved in between).',
      requestParams: { path: promptId },
      requestBody: jsonBody(newVersionSchema.meta({ id: 'CreateVersionBody' })),
      responses: { '201': okResponse('The new version', versionViewSchema), ...writeErrors('CONFLICT') },
    },
  },
  '/api/v1/prompts/{id}/versions/{number}': {
    get: {
      operationId: 'getVersion',
      tags: ['Versions'],
      summary: 'Get one version',
      requestParams: { path: versionParams },
      responses: { '200': okResponse('The version', versionViewSchema), ...readErrors() },
    },
    put: { ...versionsAreImmutable, operationId: 'replaceVersion' },
    patch: { ...versionsAreImmutable, operationId: 'updateVersion' },
    delete: { ...versionsAreImmutable, operationId: 'deleteVersion' },
  },
  '/api/v1/prompts/{id}/diff': {
    get: {
      operationId: 'diffVersions',
      tags: ['Versions'],
      summary: 'Compare two versions',
      description: 'Line diffs of both templates (turn by turn for chat templates), changed model settings and variables.',
      requestParams: { path: promptId, query: diffQuerySchema },
      responses: { '200': okResponse('The diff', versionDiffSchema), ...readErrors() },
    },
  },
  '/api/v1/prompts/{id}/restore': {
    post: {
      operationId: 'restoreVersion',
      tags: ['Versions'],
      summary: 'Restore a version',
      description: 'Appends a copy of that version and makes it current.',
      requestParams: { path: promptId },
      requestBody: jsonBody(restoreSchema.meta({ id: 'RestoreVersionBody' })),
      responses: { '201': okResponse('The new version', versionViewSchema), ...writeErrors('CONFLICT') },
    },
  },
  '/api/v1/prompts/{id}/draft': {
    get: {
      operationId: 'getDraft',
      tags: ['Prompts'],
      summary: "The caller's unsaved editor state",
      requestParams: { path: promptId },
      responses: { '200': okResponse('The draft, or null', draftViewSchema.nullable()), ...readErrors() },
    },
    put: {
      operationId: 'saveDraft',
      tags: ['Prompts'],
      summary: "Autosave the caller's draft",
      requestParams: { path: promptId },
      requestBody: jsonBody(saveDraftSchema.meta({ id: 'SaveDraftBody' })),
      responses: { '200': okResponse('Saved', z.object({ updatedAt: isoDate })), ...writeErrors('RATE_LIMITED') },
    },
    delete: {
      operationId: 'discardDraft',
      tags: ['Prompts'],
      summary: "Discard the caller's draft",
      requestParams: { path: promptId },
      responses: { '200': okResponse('Discarded (also when there was none)', z.object({ deleted: z.literal(true) })), ...actionErrors() },
    },
  },
  '/api/v1/prompts/{id}/input-sets': {
    get: {
      operationId: 'listInputSets',
      tags: ['Prompts'],
      summary: 'Saved sets of variable values, by name',
      requestParams: { path: promptId },
      responses: { '200': okResponse('The input sets', z.array(inputSetViewSchema)), ...readErrors() },
    },
    post: {
      operationId: 'saveInputSet',
      tags: ['Prompts'],
      summary: 'Save a named set of variable values',
      description: 'The same name replaces the set (200); a new name answers 201.',
      requestParams: { path: promptId },
      requestBody: jsonBody(saveInputSetSchema.meta({ id: 'SaveInputSetBody' })),
      responses: {
        '200': okResponse('Replaced', inputSetViewSchema),
        '201': okResponse('Created', inputSetViewSchema),
        ...writeErrors('CONFLICT'),
      },
    },
  },
  '/api/v1/prompts/{id}/input-sets/{setId}': {
    delete: {
      operationId: 'deleteInputSet',
      tags: ['Prompts'],
      summary: 'Delete an input set',
      requestParams: { path: z.object({ id: z.string(), setId: z.string() }) },
      responses: { '200': okResponse('Deleted', deletedSchema), ...actionErrors() },
    },
  },
  '/api/v1/tags': {
    get: {
      operationId: 'listTags',
      tags: ['Prompts'],
      summary: "Every tag the workspace's prompts use",
      responses: { '200': okResponse('Tags, sorted', z.array(z.string())), ...errorResponses() },
    },
  },
};
