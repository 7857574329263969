/**
 * A small, deterministic JSON value for a JSON Schema: what the local test model (and the fake provider in tests)
 * answer for structured output and tool arguments. It covers what model settings use in practice (types, const,
 * enum, required properties, local $refs, anyOf/oneOf/allOf, length and range bounds); a value for a schema it does
 * not understand may not validate, which the output check then reports, as it would for a real model.
 */

type Schema = Record<string, unknown>;

const MAX_DEPTH = 12;
const MAX_ITEMS = 10;
const MAX_STRING = 1_000;
const FORMATS: Record<string, string> = {
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00Z',
  email: 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const count = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/** A local `#/...` JSON pointer into the root schema; anything else resolves to nothing. */
function resolveRef(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    node = isSchema(node) ? node[key] : undefined;
  }
  return isSchema(node) ? node : undefined;
}

function typeOf(schema: Schema): string | undefined {
  const { type } = schema;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') ?? type[0];
  if (isSchema(schema.properties) || Array.isArray(schema.required)) return 'object';
  if (schema.items !== undefined || Array.isArray(schema.prefixItems)) return 'array';
  return undefined;
}

function numberFor(schema: Schema, integer: boolean): number {
  const min = Math.max(count(schema.minimum, -Infinity), count(schema.exclusiveMinimum, -Infinity) + (integer ? 1 : 0.5));
  const max = Math.min(count(schema.maximum, Infinity), count(schema.exclusiveMaximum, Infinity) - (integer ? 1 : 0.5));
  let value = Number.isFinite(min) ? Math.max(min, 0) : Math.min(0, max);
  if (!Number.isFinite(min) && max < 0) value = max;
  if (integer) value = Math.ceil(value);
  const step = count(schema.multipleOf, 0);
  if (step > 0) value = Math.ceil(value / step) * step;
  return value;
}

function stringFor(schema: Schema): string {
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  const min = Math.min(count(schema.minLength, 0), MAX_STRING);
  const max = count(schema.maxLength, Infinity);
  let text = format ?? 'example';
  if (text.length < min) text = text.padEnd(min, 'x');
  return text.slice(0, Math.max(0, max));
}

function generate(schema: unknown, root: Schema, depth: number): unknown {
  if (!isSchema(schema) || depth > MAX_DEPTH) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('default' in schema) return schema.default;
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(root, schema.$ref);
    const { $ref: _ref, ...rest } = schema;
    return generate(target ? { ...target, ...rest } : rest, root, depth + 1);
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const { [key]: _options, ...rest } = schema;
      return generate({ ...rest, ...(isSchema(options[0]) ? options[0] : {}) }, root, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    return generate(allOf.filter(isSchema).reduce<Schema>(merge, rest), root, depth + 1);
  }
  switch (typeOf(schema)) {
    case 'object':
      return objectFor(schema, root, depth);
    case 'array':
      return arrayFor(schema, root, depth);
    case 'string':
      return stringFor(schema);
    case 'integer':
      return numberFor(schema, true);
    case 'number':
      return numberFor(schema, false);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}

/** allOf parts combined: their properties and required lists merged, other keywords by the last one. */
function merge(into: Schema, part: Schema): Schema {
  const properties = { ...(isSchema(into.properties) ? into.properties : {}), ...(isSchema(part.properties) ? part.properties : {}) };
  const required = [...(Array.isArray(into.required) ? into.required : []), ...(Array.isArray(part.required) ? part.required : [])];
  return { ...into, ...part, properties, required };
}

function objectFor(schema: Schema, root: Schema, depth: number): Record<string, unknown> {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((k): k is string => typeof k === 'string') : [];
  const value: Record<string, unknown> = {};
  for (const key of required.slice(0, 200)) value[key] = generate(properties[key] ?? {}, root, depth + 1);
  return value;
}

function arrayFor(schema: Schema, root: Schema, depth: number): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const length = Math.min(Math.max(count(schema.minItems, 0), prefix.length), MAX_ITEMS);
  return Array.from({ length }, (_, i) => generate(i < prefix.length ? prefix[i] : (schema.items ?? {}), root, depth + 1));
}

/** A JSON value for `schema` (minimal: required properties, the first enum value or option, the lowest bound). */
export function exampleFromSchema(schema: Record<string, unknown>): unknown {
  return generate(schema, schema, 0);
}
