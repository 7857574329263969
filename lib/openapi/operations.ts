import type { z } from 'zod';
import type { ZodOpenApiResponsesObject } from 'zod-openapi';
import type { ErrorCode } from '@/lib/api/errors';
import { errorResponses, json } from './common';

/*
 * Shorthands for the paths files: the error answers most operations share, and a required JSON body.
 * Every route is behind withWorkspace (401 without a caller); writes need the editor role by default (403) and
 * read a JSON body (400 when it is not JSON, 413 over the limit, 422 on a bad field).
 */

/** A read: 401, plus 404 for a resource in the path and 422 for a bad query. */
export const readErrors = (...more: ErrorCode[]): ZodOpenApiResponsesObject => errorResponses('NOT_FOUND', 'INVALID_INPUT', ...more);

/** A write with a JSON body: 400, 401, 403, 404, 413, 422. */
export const writeErrors = (...more: ErrorCode[]): ZodOpenApiResponsesObject =>
  errorResponses('BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'INVALID_INPUT', ...more);

/** A write without a body (delete, cancel): 401, 403, 404. */
export const actionErrors = (...more: ErrorCode[]): ZodOpenApiResponsesObject => errorResponses('FORBIDDEN', 'NOT_FOUND', ...more);

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, ...json(schema) });
