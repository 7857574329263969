import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { dataFilePath } from '../data-dir';
import { env } from '../env';

export type SigningKeys = { currentSigningKey: string; nextSigningKey: string; source: 'qstash' | 'local' };

const keyFileSchema = z.object({ currentSigningKey: z.string().min(32), nextSigningKey: z.string().min(32) });

let cached: SigningKeys | undefined;

/**
 * The keys callbacks are signed and verified with: QStash's signing keys when QStash is configured,
 * otherwise a local pair generated once per install and kept in .data/ (the local dispatcher signs with
 * the current one; both verify, as with QStash during a rotation).
 */
export function getSigningKeys(): SigningKeys {
  if (cached) return cached;
  const qstash = env().qstash;
  cached = qstash
    ? { currentSigningKey: qstash.currentSigningKey, nextSigningKey: qstash.nextSigningKey, source: 'qstash' }
    : { ...loadLocalSigningKeys(dataFilePath('qstash-signing-keys.json')), source: 'local' };
  return cached;
}

/** Reads the local key pair from `file`, creating it (mode 0600) on first use. Exported for tests. */
export function loadLocalSigningKeys(file: string): Omit<SigningKeys, 'source'> {
  const existing = readKeyFile(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const keys = { currentSigningKey: generateKey(), nextSigningKey: generateKey() };
  // Written aside then hard-linked into place: the link is atomic and fails if another process won the race,
  // so nobody ever reads a half-written file.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(keys, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  try {
    fs.linkSync(temp, file);
    return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readKeyFile(file) ?? keys;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function readKeyFile(file: string): Omit<SigningKeys, 'source'> | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = keyFileSchema.safeParse(parsed);
  if (!result.success) throw new Error(`${file} is not a valid signing key file: delete it and a new pair is generated`);
  return result.data;
}

// The same shape as QStash's keys (sig_…); the Receiver uses the string's UTF-8 bytes as the HMAC key.
const generateKey = () => `sig_${randomBytes(32).toString('base64url')}`;
