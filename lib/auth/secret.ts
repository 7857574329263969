import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dataFilePath } from '../data-dir';
import { env } from '../env';

let cached: string | undefined;

/**
 * AUTH_SECRET when set (required when deployed). A self-hosted install without one gets a random
 * secret generated once and kept in .data/, so `npm run dev` works with no configuration.
 */
export function getAuthSecret(): string {
  if (cached) return cached;
  const configured = env().auth.secret;
  if (configured) return (cached = configured);
  const file = dataFilePath('auth-secret');
  try {
    cached = fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    try {
      fs.writeFileSync(file, secret, { flag: 'wx', mode: 0o600 });
      cached = secret;
    } catch {
      cached = fs.readFileSync(file, 'utf8').trim(); // another process won the race
    }
  }
  return cached!;
}
