import 'server-only';
import { fieldError } from '@/lib/api/errors';
import { MAX_INTEGER } from '@/lib/column-ranges';
import type { CellCursor } from '@/db/queries/experiment-reads';

// Opaque keyset cursors over (position, item) and (position, item, variant, repeat); held to the columns'
// ranges here, since PostgreSQL would refuse a crafted one with a 500.
const invalidCursor = () => fieldError('cursor', 'is not valid: pass the nextCursor of a previous page');
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const INT = '-?[0-9]{1,10}';

const encode = (text: string) => Buffer.from(text).toString('base64url');
const inRange = (n: number) => Number.isSafeInteger(n) && Math.abs(n) <= MAX_INTEGER;

export const encodeItemCursor = (position: number, itemId: string) => encode(`i|${position}|${itemId}`);

export function decodeItemCursor(cursor: string): { position: number; itemId: string } {
  const match = new RegExp(`^i\\|(${INT})\\|(${UUID})$`, 'i').exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const position = Number(match?.[1]);
  if (!match || !inRange(position)) throw invalidCursor();
  return { position, itemId: match[2]! };
}

export const encodeCellCursor = (c: CellCursor) => encode(`c|${c.position}|${c.itemId}|${c.variant}|${c.repeat}`);

export function decodeCellCursor(cursor: string): CellCursor {
  const match = new RegExp(`^c\\|(${INT})\\|(${UUID})\\|(${INT})\\|(${INT})$`, 'i').exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const [position, variant, repeat] = [match?.[1], match?.[3], match?.[4]].map(Number) as [number, number, number];
  if (!match || ![position, variant, repeat].every(inRange)) throw invalidCursor();
  return { position, itemId: match[2]!, variant, repeat };
}
