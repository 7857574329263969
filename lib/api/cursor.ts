import 'server-only';
import { isInDateRange, MAX_INTEGER } from '@/lib/column-ranges';
import { isUuid } from '@/lib/ids';
import { fieldError } from './errors';

// A crafted cursor is decoded by hand, so it is held to the columns' range here (PostgreSQL would refuse it: a 500).
const invalidCursor = () => fieldError('cursor', 'is not valid: pass the nextCursor of a previous page');

/** Opaque keyset cursor: the last row's sort timestamp and id. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(iso ?? '');
  if (!id || Number.isNaN(at.getTime()) || !isInDateRange(at) || !isUuid(id)) throw invalidCursor();
  return { at, id };
}

/** Opaque cursor over a descending positive number (version numbers). */
export function encodeNumberCursor(n: number): string {
  return Buffer.from(`n|${n}`).toString('base64url');
}

export function decodeNumberCursor(cursor: string): number {
  const match = /^n\|([1-9][0-9]{0,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const n = Number(match?.[1]);
  if (!match || n > MAX_INTEGER) throw invalidCursor();
  return n;
}
