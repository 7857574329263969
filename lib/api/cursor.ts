import 'server-only';
import { fieldError } from './errors';

/** Opaque keyset cursor: the last row's sort timestamp and id. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(iso ?? '');
  if (!id || Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw fieldError('cursor', 'is not valid: pass the nextCursor of a previous page');
  }
  return { at, id };
}

/** Opaque cursor over a descending positive number (version numbers). */
export function encodeNumberCursor(n: number): string {
  return Buffer.from(`n|${n}`).toString('base64url');
}

export function decodeNumberCursor(cursor: string): number {
  const match = /^n\|([1-9][0-9]{0,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw fieldError('cursor', 'is not valid: pass the nextCursor of a previous page');
  return Number(match[1]);
}
