import 'server-only';
import { Receiver } from '@upstash/qstash';
import { env } from '../env';
import { MAX_CALLBACK_BODY_BYTES } from './limits';
import { readBodyCapped } from '../api/read-body';
import { getSigningKeys } from './signing-keys';

export type VerifyResult = { ok: true; body: string } | { ok: false; status: 401 | 413; reason: string };

/**
 * Verifies a queue callback (from QStash or the local dispatcher) against its raw body, read once here and at most
 * `maxBytes` of it. The URL checked is the one this app expects for `path` (APP_URL + path), never the one the
 * request claims, so a message signed for another destination is refused. Never throws.
 */
export async function verifyQStashRequest(
  req: Request,
  { path = new URL(req.url).pathname, maxBytes = MAX_CALLBACK_BODY_BYTES }: { path?: string; maxBytes?: number } = {},
): Promise<VerifyResult> {
  const signature = req.headers.get('upstash-signature');
  if (!signature) return { ok: false, status: 401, reason: 'missing Upstash-Signature header' };
  let body: string | null;
  try {
    body = await readBodyCapped(req, maxBytes);
  } catch {
    return { ok: false, status: 401, reason: 'unreadable request body' };
  }
  if (body === null) return { ok: false, status: 413, reason: `body is larger than ${maxBytes} bytes` };
  try {
    const url = `${env().callbackBaseUrl}${path}`;
    const { currentSigningKey, nextSigningKey } = getSigningKeys();
    // devMode: false, or a stray QSTASH_DEV in the environment makes the Receiver swap in its dev keys.
    const receiver = new Receiver({ currentSigningKey, nextSigningKey, devMode: false });
    await receiver.verify({ signature, body, url });
    return { ok: true, body };
  } catch (error) {
    // The Receiver falls back to the next key, so a token that fails with both reports the next key's error.
    return { ok: false, status: 401, reason: error instanceof Error ? error.message : 'invalid signature' };
  }
}
