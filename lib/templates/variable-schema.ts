import { z } from 'zod';

export const VARIABLE_TYPES = ['string', 'number', 'boolean', 'json'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const VARIABLE_NAME_MESSAGE =
  'variable names must start with a letter or _ and contain only letters, digits and _';
export const MAX_VARIABLES = 100;
export const MAX_DESCRIPTION_LENGTH = 500;

// Deep enough for any realistic value; shallow enough that checking never overflows the stack.
const MAX_JSON_DEPTH = 256;

/**
 * True when `value` survives a JSON round trip unchanged: null, booleans, finite numbers,
 * strings, arrays and plain objects of those. Rejects undefined, NaN/Infinity, bigint,
 * functions, class instances (Date, Map…) and cycles, which JSON.stringify would mangle.
 */
export function isJsonValue(value: unknown): boolean {
  return checkJson(value, 0, new Set());
}

function checkJson(value: unknown, depth: number, ancestors: Set<object>): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth >= MAX_JSON_DEPTH || ancestors.has(value)) return false;
  const isArray = Array.isArray(value);
  if (!isArray) {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
  }
  ancestors.add(value);
  const children: unknown[] = isArray ? Array.from(value) : Object.values(value);
  const ok = children.every((child) => checkJson(child, depth + 1, ancestors));
  ancestors.delete(value);
  return ok;
}

/** Human phrase used in "must be …" messages. */
export const TYPE_PHRASES: Record<VariableType, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean (true or false)',
  json: 'a JSON value',
};

/** Whether a declared default already has the declared type (no coercion for defaults). */
export function defaultMatchesType(type: VariableType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'json':
      return isJsonValue(value);
  }
}

export const variableDefSchema = z
  .strictObject({
    name: z.string().regex(VARIABLE_NAME_PATTERN, VARIABLE_NAME_MESSAGE),
    type: z.enum(VARIABLE_TYPES).default('string'),
    required: z.boolean().default(true),
    default: z.unknown().optional(),
    description: z
      .string()
      .max(MAX_DESCRIPTION_LENGTH, `description must be at most ${MAX_DESCRIPTION_LENGTH} characters`)
      .optional(),
  })
  .superRefine((def, ctx) => {
    if (def.default !== undefined && !defaultMatchesType(def.type, def.default)) {
      ctx.addIssue({
        code: 'custom',
        path: ['default'],
        message: `default for \`${def.name}\` must be ${TYPE_PHRASES[def.type]}`,
      });
    }
  });

export const variableDefsSchema = z
  .array(variableDefSchema)
  .max(MAX_VARIABLES, `a prompt can declare at most ${MAX_VARIABLES} variables`)
  .superRefine((defs, ctx) => {
    const seen = new Set<string>();
    defs.forEach((def, index) => {
      if (seen.has(def.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `duplicate variable name \`${def.name}\``,
        });
      }
      seen.add(def.name);
    });
  });

/** A validated declaration (defaults filled in). */
export type VariableDef = z.infer<typeof variableDefSchema>;
