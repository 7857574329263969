import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'pl_';

/** A new secret key; only its SHA-256 is stored (the key has 256 bits of entropy, so no KDF is needed). */
export function generateApiKey(): { key: string; prefix: string; hashedKey: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 10), hashedKey: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
