import { Receiver } from '@upstash/qstash';
import { env } from '../env';
import { getSigningKeys } from './signing-keys';

export type VerifyResult = { ok: true; body: string } | { ok: false; reason: string };

/**
 * Verifies a queue callback (from QStash or the local dispatcher) against the raw body, read once here.
 * The URL checked is the one this app expects for the path, never the one the request claims, so a
 * message signed for another destination is refused. Never throws: the route answers 401 on `ok: false`.
 */
export async function verifyQStashRequest(req: Request): Promise<VerifyResult> {
  const signature = req.headers.get('upstash-signature');
  if (!signature) return { ok: false, reason: 'missing Upstash-Signature header' };
  let body: string;
  try {
    body = await req.text();
  } catch {
    return { ok: false, reason: 'unreadable request body' };
  }
  try {
    const url = `${env().callbackBaseUrl}${new URL(req.url).pathname}`;
    const { currentSigningKey, nextSigningKey } = getSigningKeys();
    // devMode: false, or a stray QSTASH_DEV in the environment makes the Receiver swap in its dev keys.
    const receiver = new Receiver({ currentSigningKey, nextSigningKey, devMode: false });
    await receiver.verify({ signature, body, url });
    return { ok: true, body };
  } catch (error) {
    // The Receiver falls back to the next key, so a token that fails with both reports the next key's error.
    return { ok: false, reason: error instanceof Error ? error.message : 'invalid signature' };
  }
}
