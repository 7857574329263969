const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Malformed ids are simply not found (Postgres would reject them with a type error, a 500). */
export const isUuid = (value: string) => UUID.test(value);
