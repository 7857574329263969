import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { newApiKeySchema } from '@/lib/auth/api-key-schema';
import { newWorkspacePriceSchema } from '@/lib/llm/workspace-price-schema';
import { workspacePolicySchema } from '@/lib/workspaces/policy-schema';
import { errorResponses, idParam, okResponse } from '../common';
import { actionErrors, jsonBody, writeErrors } from '../operations';
import { apiKeyListItemSchema, apiKeySummarySchema, createdApiKeySchema, meSchema, priceViewSchema, workspacePolicyView, workspaceSchema } from '../schemas/workspace';

export const workspacePaths: ZodOpenApiPathsObject = {
  '/api/v1/me': {
    get: {
      operationId: 'getMe',
      tags: ['Workspace'],
      summary: 'Who the key or session acts as, and in which workspace',
      responses: { '200': okResponse('The caller', meSchema), ...errorResponses() },
    },
  },
  '/api/v1/workspace': {
    get: {
      operationId: 'getWorkspace',
      tags: ['Workspace'],
      summary: "The workspace, its policies and this month's spend",
      responses: { '200': okResponse('The workspace', workspaceSchema), ...errorResponses() },
    },
    patch: {
      operationId: 'updateWorkspacePolicy',
      tags: ['Workspace'],
      summary: 'Set the monthly budget and the model allowlist',
      description: 'Admins only. `null` clears a policy.',
      requestBody: jsonBody(workspacePolicySchema.meta({ id: 'UpdateWorkspacePolicyBody' })),
      responses: { '200': okResponse('The policies', workspacePolicyView), ...writeErrors() },
    },
  },
  '/api/v1/workspace/prices': {
    get: {
      operationId: 'listWorkspacePrices',
      tags: ['Workspace'],
      summary: "The workspace's own model prices",
      description: 'They win over the built-in price table for runs created from `effectiveFrom` on.',
      responses: { '200': okResponse('Prices', z.object({ items: z.array(priceViewSchema) })), ...errorResponses() },
    },
    post: {
      operationId: 'createWorkspacePrice',
      tags: ['Workspace'],
      summary: 'Add a price for a provider/model from a date on',
      description: 'Admins only. 409 for the same model and instant.',
      requestBody: jsonBody(newWorkspacePriceSchema.meta({ id: 'CreateWorkspacePriceBody' })),
      responses: { '201': okResponse('The price', priceViewSchema), ...writeErrors('CONFLICT') },
    },
  },
  '/api/v1/workspace/prices/{id}': {
    delete: {
      operationId: 'deleteWorkspacePrice',
      tags: ['Workspace'],
      summary: 'Delete a price',
      description: 'Admins only. Runs already priced keep their cost.',
      requestParams: { path: idParam() },
      responses: { '200': okResponse('Deleted', z.object({ id: z.string() })), ...actionErrors() },
    },
  },
  '/api/v1/api-keys': {
    get: {
      operationId: 'listApiKeys',
      tags: ['API keys'],
      summary: 'List live API keys',
      description: "Viewers see their own keys; everyone else the workspace's, with each key's owner.",
      responses: { '200': okResponse('Keys, newest first', z.array(apiKeyListItemSchema)), ...errorResponses() },
    },
    post: {
      operationId: 'createApiKey',
      tags: ['API keys'],
      summary: 'Create an API key',
      description: 'The secret `key` is in this answer only: PromptLab keeps its hash.',
      requestBody: jsonBody(newApiKeySchema.meta({ id: 'CreateApiKeyBody' })),
      responses: { '201': okResponse('The new key, with its secret', createdApiKeySchema), ...writeErrors() },
    },
  },
  '/api/v1/api-keys/{id}': {
    delete: {
      operationId: 'revokeApiKey',
      tags: ['API keys'],
      summary: 'Revoke an API key',
      description: 'It stops working at once. Anyone may revoke their own keys; admins and owners anyone\'s.',
      requestParams: { path: idParam() },
      responses: { '200': okResponse('The revoked key', apiKeySummarySchema), ...actionErrors() },
    },
  },
};
