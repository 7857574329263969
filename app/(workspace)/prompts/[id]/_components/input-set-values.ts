import type { DraftValues } from './draft-content';

/** A saved set's values as the run form holds them: text stays text, flags stay flags, anything else as JSON text. */
export function valuesFromSet(values: Record<string, unknown>): DraftValues {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      typeof value === 'string' || typeof value === 'boolean' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value),
    ]),
  );
}

/** The run form's values worth saving: only the variables the prompt has now (the form may remember older ones). */
export function valuesForSet(values: DraftValues, names: readonly string[] | undefined): DraftValues {
  if (!names) return values;
  const keep = new Set(names);
  return Object.fromEntries(Object.entries(values).filter(([name]) => keep.has(name)));
}
