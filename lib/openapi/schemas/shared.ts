import { z } from 'zod';

/*
 * Pieces the response schemas share. Response schemas describe what the routes really answer (the integration
 * tests validate answers against the document), and each is checked against its view type with `describes`.
 */

/** A timestamp as JSON carries it (a Date serialises to ISO 8601). */
export const isoDate = z.string().meta({ format: 'date-time', example: '2026-01-31T09:30:00.000Z' });

export const uuid = z.string().meta({ format: 'uuid' });

export const jsonObject = z.record(z.string(), z.unknown());

/** A JSON value that is there (`x ?? null` in a view): any value or null. Only the TypeScript type is narrower. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is exactly what `unknown ?? null` leaves
export const presentJsonValue = z.unknown() as unknown as z.ZodType<{} | null>;

/** A keyset page: pass `nextCursor` back as `cursor` for the next one (null on the last page). */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const deletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });

/** The JSON a value becomes on the wire: Dates as ISO strings. */
export type Jsonify<T> = T extends Date
  ? string
  : T extends (...args: never[]) => unknown
    ? never
    : T extends readonly (infer U)[]
      ? Jsonify<U>[]
      : T extends object
        ? { [K in keyof T]: Jsonify<T[K]> }
        : T;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * Ties a response schema to the TypeScript type of what the route answers: a compile error ("Expected 2
 * arguments") when they drift apart, so the document can't silently describe a shape the API no longer has.
 */
export function describes<View>() {
  return <S extends z.ZodType>(schema: S, ..._mismatch: Same<z.output<S>, Jsonify<View>> extends true ? [] : [{ schema: z.output<S>; view: Jsonify<View> }]) =>
    schema;
}
