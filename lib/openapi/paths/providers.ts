import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { newProviderCredentialSchema, providerCredentialPatchSchema, testConnectionSchema } from '@/lib/providers/credentials-schemas';
import { okResponse } from '../common';
import { actionErrors, jsonBody, readErrors, writeErrors } from '../operations';
import { connectionTestSchema, credentialSummarySchema, providerModelsSchema, providersSchema } from '../schemas/providers';

const credentialId = z.object({ id: z.string().meta({ description: 'The saved credential id (a UUID)' }) });

export const providersPaths: ZodOpenApiPathsObject = {
  '/api/v1/providers': {
    get: {
      operationId: 'listProviders',
      tags: ['Providers'],
      summary: 'Providers a prompt may use, saved credentials and the catalogue',
      description: '`available` is what model pickers offer; saved keys are never returned (only their last four characters).',
      responses: { '200': okResponse('Providers', providersSchema), ...readErrors() },
    },
    post: {
      operationId: 'createProviderCredential',
      tags: ['Providers'],
      summary: 'Save a provider key and/or endpoint',
      description: 'Admins only. The key is stored encrypted. 409 when the label is taken.',
      requestBody: jsonBody(newProviderCredentialSchema.meta({ id: 'CreateProviderCredentialBody' })),
      responses: { '201': okResponse('The saved credential', credentialSummarySchema), ...writeErrors('CONFLICT') },
    },
  },
  '/api/v1/providers/{id}': {
    patch: {
      operationId: 'updateProviderCredential',
      tags: ['Providers'],
      summary: 'Relabel, or replace or remove the key or base URL',
      description: 'Admins only. `null` removes the key or base URL.',
      requestParams: { path: credentialId },
      requestBody: jsonBody(providerCredentialPatchSchema.meta({ id: 'UpdateProviderCredentialBody' })),
      responses: { '200': okResponse('The credential', credentialSummarySchema), ...writeErrors('CONFLICT') },
    },
    delete: {
      operationId: 'deleteProviderCredential',
      tags: ['Providers'],
      summary: 'Delete a saved credential',
      description: 'Admins only. Runs naming its label stop resolving (or fall back to the instance settings).',
      requestParams: { path: credentialId },
      responses: { '200': okResponse('The deleted credential', credentialSummarySchema), ...actionErrors() },
    },
  },
  '/api/v1/providers/{id}/models': {
    get: {
      operationId: 'listProviderModels',
      tags: ['Providers'],
      summary: "The models a provider's endpoint lists",
      description: '`id` is a provider id (`openai`) or a saved label. Cached for a minute; 422 when the provider is not configured.',
      requestParams: { path: z.object({ id: z.string().meta({ description: 'A provider id or saved label' }) }) },
      responses: { '200': okResponse('Models, sorted', providerModelsSchema), ...readErrors('RATE_LIMITED', 'PROVIDER_ERROR') },
    },
  },
  '/api/v1/providers/test': {
    post: {
      operationId: 'testProviderConnection',
      tags: ['Providers'],
      summary: 'Test a connection by listing its models',
      description: 'With a configured provider, or (admins only) with unsaved `apiKey`/`baseUrl`.',
      requestBody: jsonBody(testConnectionSchema.meta({ id: 'TestProviderConnectionBody' })),
      responses: { '200': okResponse('The endpoint answered', connectionTestSchema), ...writeErrors('RATE_LIMITED', 'PROVIDER_ERROR') },
    },
  },
};
