import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import type { renderPromptBySlug } from '@/lib/delivery/render-prompt';
import type { ResolvedPrompt } from '@/lib/delivery/resolve-prompt';
import { renderPromptBodySchema, resolvePromptQuerySchema } from '@/lib/delivery/schemas';
import { templateMessageSchema } from '@/lib/prompts/schemas';
import { okResponse } from '../common';
import { jsonBody, readErrors, writeErrors } from '../operations';
import { modelConfigView, templateMessageView, variableDefView } from '../schemas/prompts';
import { describes, uuid } from '../schemas/shared';

const slugParams = z.object({ slug: z.string().meta({ description: 'The prompt\'s slug, e.g. `support-reply`' }) });

export const resolvedPromptSchema = describes<ResolvedPrompt>()(
  z
    .object({
      id: uuid,
      slug: z.string(),
      title: z.string(),
      versionNumber: z.int(),
      label: z.string().nullable().meta({ description: 'The label that served it (`latest` included); null when `version` was asked for' }),
      systemPrompt: z.string(),
      userPrompt: z.string(),
      messages: z.array(templateMessageView).nullable().meta({ description: 'A chat template\'s turns; null for the simple system + user form' }),
      variables: z.array(variableDefView),
      model: modelConfigView,
      etag: z.string().meta({ description: 'The same as the `ETag` header' }),
    })
    .meta({ id: 'ResolvedPrompt' }),
);

const chatMessage = z.object({ role: templateMessageSchema.shape.role, content: z.string() });

export const renderedPromptSchema = describes<Awaited<ReturnType<typeof renderPromptBySlug>>>()(
  z
    .object({
      versionNumber: z.int(),
      label: z.string().nullable(),
      openai: z.object({ messages: z.array(chatMessage) }).meta({ description: 'Chat Completions `messages`' }),
      anthropic: z
        .object({ system: z.string().optional(), messages: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })) })
        .meta({ description: 'Messages API `system` (left out when the prompt has no system turn) and `messages`' }),
      model: modelConfigView,
    })
    .meta({ id: 'RenderedPrompt' }),
);

const etagHeader = { ETag: { description: 'Strong validator of this answer: send it back as `If-None-Match`', schema: { type: 'string' as const } } };

export const deliveryPaths: ZodOpenApiPathsObject = {
  '/api/v1/prompts/by-slug/{slug}': {
    get: {
      operationId: 'getPromptBySlug',
      tags: ['Delivery'],
      summary: 'Resolve a prompt for an app',
      description:
        'The version `version` names, else the one `label` serves (`latest` is the newest), else `production` when the prompt has it, ' +
        'else `latest`. A split label picks by `key` (the same key always gets the same version) or at random. ' +
        'Served from memory; a label move or a new version is visible to the next request. Send the `ETag` back as `If-None-Match` for a 304. Viewers and up.',
      requestParams: { path: slugParams, query: resolvePromptQuerySchema, header: z.object({ 'if-none-match': z.string().optional() }) },
      responses: {
        '200': { ...okResponse('The resolved version', resolvedPromptSchema), headers: etagHeader },
        '304': { description: 'Not modified: the `If-None-Match` ETag is still current', headers: etagHeader },
        ...readErrors(),
      },
    },
  },
  '/api/v1/prompts/by-slug/{slug}/render': {
    post: {
      operationId: 'renderPromptBySlug',
      tags: ['Delivery'],
      summary: 'Render a prompt for an app',
      description:
        'Resolves as GET does, then renders the variables into messages in the OpenAI and the Anthropic shapes. ' +
        'Variables are checked as for a run (the same 422 with `variables.<name>` fields). Writes nothing: viewers and up.',
      requestParams: { path: slugParams },
      requestBody: jsonBody(renderPromptBodySchema),
      responses: { '200': okResponse('The rendered messages', renderedPromptSchema), ...writeErrors() },
    },
  },
};
