import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { dataFilePath } from '../data-dir';
import { env } from '../env';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

let cachedKey: Buffer | undefined;

/**
 * ENCRYPTION_KEY when set (required when deployed). A self-hosted install without one gets a random key
 * generated once into .data/encryption-key; losing that file makes the stored provider keys unreadable.
 */
export function getEncryptionKey(): Buffer {
  if (cachedKey) return cachedKey;
  const configured = env().encryptionKey;
  if (configured) return (cachedKey = Buffer.from(configured, 'base64'));
  const file = dataFilePath('encryption-key');
  let encoded: string;
  try {
    encoded = fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fresh = randomBytes(32).toString('base64');
    try {
      fs.writeFileSync(file, fresh, { flag: 'wx', mode: 0o600 });
      encoded = fresh;
    } catch {
      encoded = fs.readFileSync(file, 'utf8').trim(); // another process won the race
    }
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key; restore it or set ENCRYPTION_KEY`);
  return (cachedKey = key);
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/** AES-256-GCM; the result is `v1:<iv>:<tag>:<ciphertext>` (base64 parts), safe to store as text. */
export function encryptSecret(plain: string, key: Buffer = getEncryptionKey()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':');
}

/** Reverses encryptSecret; throws SecretBoxError when the box is malformed, tampered with or under another key. */
export function decryptSecret(box: string, key: Buffer = getEncryptionKey()): string {
  const parts = box.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError('unsupported secret format');
  const [, ivPart, tagPart, dataPart] = parts as [string, string, string, string];
  const iv = Buffer.from(ivPart, 'base64');
  const tag = Buffer.from(tagPart, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('malformed secret');
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataPart, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    // GCM authentication failed: the ciphertext changed or the key is not the one it was sealed with.
    throw new SecretBoxError('secret cannot be decrypted: it was altered or encrypted with another ENCRYPTION_KEY');
  }
}
