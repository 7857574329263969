import type { VariableDef } from '@/lib/templates';

/**
 * The values of an item a variant renders with: only the variables its version declares (a dataset holds the
 * variables of every variant; the others would be refused as unknown).
 */
export function variantValues(version: { variables: VariableDef[] }, input: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const def of version.variables) if (Object.hasOwn(input, def.name)) values[def.name] = input[def.name];
  return values;
}
