import 'server-only';
import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Signs a callback the way QStash does, so the official `Receiver` verifies it: an HS256 JWT keyed with the
 * signing key's UTF-8 bytes, `iss: "Upstash"`, `sub` the destination URL, and `body` the base64url SHA-256 of
 * the exact bytes sent. Built on node:crypto (jose is only a dev dependency here).
 */
export function signQStashMessage({
  url,
  body,
  key,
  ttlSeconds = 300,
  now = new Date(),
}: {
  url: string;
  body: string;
  key: string;
  ttlSeconds?: number;
  now?: Date;
}): string {
  const iat = Math.floor(now.getTime() / 1000);
  const header = { alg: 'HS256', typ: 'JWT' };
  const claims = {
    iss: 'Upstash',
    sub: url,
    exp: iat + ttlSeconds,
    nbf: iat,
    iat,
    jti: `jwt_${randomBytes(16).toString('hex')}`,
    body: createHash('sha256').update(body, 'utf8').digest('base64url'),
  };
  const unsigned = `${encodeJson(header)}.${encodeJson(claims)}`;
  const signature = createHmac('sha256', Buffer.from(key, 'utf8')).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

const encodeJson = (value: object) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
