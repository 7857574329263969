import { z } from 'zod';
import type { ZodOpenApiResponsesObject } from 'zod-openapi';
import { errorStatus, type ErrorCode } from '@/lib/api/errors';

/*
 * Building blocks for the OpenAPI document (lib/openapi/document.ts). Each feature documents its own routes in
 * lib/openapi/paths/<feature>.ts with the same zod schemas its routes validate with, and these helpers for the
 * parts every route shares: the { data, error } envelope and the error responses.
 */

export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() }).meta({ id: 'FieldError' });

export const apiErrorSchema = z
  .object({
    code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.object({ fields: z.array(fieldErrorSchema).optional() }).catchall(z.unknown()).optional(),
  })
  .meta({ id: 'ApiError' });

export const errorEnvelopeSchema = z.object({ data: z.null(), error: apiErrorSchema }).meta({ id: 'ErrorEnvelope' });

/** `{ data: <schema>, error: null }`, the body of every successful JSON answer. */
export function envelope<T extends z.ZodType>(data: T) {
  return z.object({ data, error: z.null() });
}

/** A JSON request or response body. */
export function json<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } } };
}

/** A success response wrapped in the envelope. */
export function okResponse<T extends z.ZodType>(description: string, data: T) {
  return { description, ...json(envelope(data)) };
}

const errorDescriptions: Partial<Record<ErrorCode, string>> = {
  BAD_REQUEST: 'The request is malformed (not JSON, wrong content type)',
  UNAUTHORIZED: 'No session and no valid API key',
  FORBIDDEN: 'Your role does not allow this',
  NOT_FOUND: 'No such resource in your workspace',
  CONFLICT: 'The resource changed or already exists',
  PAYLOAD_TOO_LARGE: 'The body is over the limit',
  INVALID_INPUT: 'A field is invalid: `error.details.fields` says which and why',
  RATE_LIMITED: 'Too many requests: retry after the `Retry-After` header',
  INTERNAL: 'Something went wrong on the server (the message is generic; the server log has the details)',
};

const retryAfter = z.object({ 'Retry-After': z.string().meta({ description: 'Seconds to wait before trying again' }) });

/**
 * The error answers a route can give, keyed by status, each the error envelope. UNAUTHORIZED and INTERNAL are
 * always included; RATE_LIMITED carries its Retry-After header.
 */
export function errorResponses(...codes: ErrorCode[]): ZodOpenApiResponsesObject {
  const out: ZodOpenApiResponsesObject = {};
  for (const code of new Set<ErrorCode>(['UNAUTHORIZED', ...codes, 'INTERNAL'])) {
    out[`${errorStatus[code]}` as `4${string}`] = {
      description: errorDescriptions[code] ?? code,
      ...(code === 'RATE_LIMITED' && { headers: retryAfter }),
      ...json(errorEnvelopeSchema),
    };
  }
  return out;
}

export const idParam = (name = 'id') => z.object({ [name]: z.string().meta({ description: 'The resource id (a UUID)' }) });
