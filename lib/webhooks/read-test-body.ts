import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { readBodyCapped } from '@/lib/api/read-body';
import type { TestEvent } from './events';
import { testWebhookSchema } from './schemas';

const MAX_TEST_BODY_BYTES = 4_096;

/** The body of "send test event": `{ event? }`, or nothing at all for a ping (a bare `curl -X POST` works). */
export async function readTestEventBody(req: Request): Promise<{ event: TestEvent }> {
  const text = await readBodyCapped(req, MAX_TEST_BODY_BYTES);
  if (text === null) throw new ApiError('PAYLOAD_TOO_LARGE', 'Request body is larger than 4 KB: send `{ "event": "ping" }` or nothing');
  if (text.trim() === '') return testWebhookSchema.parse({});
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ApiError('BAD_REQUEST', `Request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ApiError('BAD_REQUEST', 'Request body must be a JSON object, like {"event": "ping"}');
  return testWebhookSchema.parse(json);
}
