/**
 * A small, deterministic JSON value for a JSON Schema: what the local test model (and the fake provider in tests)
 * answer for structured output and tool arguments. It covers what model settings use in practice (types, const,
 * enum, required properties, local $refs, anyOf/oneOf/allOf, length and range bounds); a value for a schema it does
 * not understand may not validate, which the output check then reports, as it would for a real model.
 *
 * Depth alone does not bound the work: a few required properties that each `$ref` the root grow the value
 * exponentially. So one generation shares a node budget, after which values are minimal, and stops adding
 * properties and items once the text it has produced passes the output limit (the reply would be cut there).
 */

type Schema = Record<string, unknown>;

const MAX_DEPTH = 12;
const MAX_ITEMS = 10;
const MAX_STRING = 1_000;
const MAX_NODES = 5_000;
const MAX_PROPERTIES = 200;
// DEFAULT_MAX_OUTPUT_CHARS of stream-output.ts, which is server-only while the fake provider imports this file.
const DEFAULT_MAX_CHARS = 200_000;
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

/** What one generation may still spend: schema nodes visited, and characters of JSON produced (roughly). */
type Budget = { nodes: number; chars: number };
type Context = { root: Schema; budget: Budget };

const spent = (context: Context) => context.budget.nodes <= 0 || context.budget.chars <= 0;

/** A leaf value, its JSON length charged to the budget. */
function leaf(context: Context, value: unknown): unknown {
  context.budget.chars -= JSON.stringify(value)?.length ?? 4;
  return value;
}

/** The smallest value of the schema's type, for when the budget is spent. */
function minimal(schema: Schema): unknown {
  const type = typeOf(schema);
  if (type === 'object') return {};
  if (type === 'array') return [];
  if (type === 'string') return '';
  if (type === 'integer' || type === 'number') return 0;
  return type === 'boolean' ? false : null;
}

function generate(schema: unknown, context: Context, depth: number): unknown {
  if (!isSchema(schema) || depth > MAX_DEPTH) return leaf(context, null);
  if (spent(context)) return leaf(context, minimal(schema));
  context.budget.nodes -= 1;
  if ('const' in schema) return leaf(context, schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return leaf(context, schema.enum[0]);
  if ('default' in schema) return leaf(context, schema.default);
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(context.root, schema.$ref);
    const { $ref: _ref, ...rest } = schema;
    return generate(target ? { ...target, ...rest } : rest, context, depth + 1);
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const { [key]: _options, ...rest } = schema;
      return generate({ ...rest, ...(isSchema(options[0]) ? options[0] : {}) }, context, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    return generate(allOf.filter(isSchema).reduce<Schema>(merge, rest), context, depth + 1);
  }
  switch (typeOf(schema)) {
    case 'object':
      return objectFor(schema, context, depth);
    case 'array':
      return arrayFor(schema, context, depth);
    case 'string':
      return leaf(context, stringFor(schema));
    case 'integer':
      return leaf(context, numberFor(schema, true));
    case 'number':
      return leaf(context, numberFor(schema, false));
    case 'boolean':
      return leaf(context, false);
    case 'null':
      return leaf(context, null);
    default:
      return leaf(context, {});
  }
}

/** allOf parts combined: their properties and required lists merged, other keywords by the last one. */
function merge(into: Schema, part: Schema): Schema {
  const properties = { ...(isSchema(into.properties) ? into.properties : {}), ...(isSchema(part.properties) ? part.properties : {}) };
  const required = [...(Array.isArray(into.required) ? into.required : []), ...(Array.isArray(part.required) ? part.required : [])];
  return { ...into, ...part, properties, required };
}

function objectFor(schema: Schema, context: Context, depth: number): Record<string, unknown> {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((k): k is string => typeof k === 'string') : [];
  const value: Record<string, unknown> = {};
  context.budget.chars -= 2;
  for (const key of required.slice(0, MAX_PROPERTIES)) {
    if (context.budget.chars <= 0) break; // past the output limit: the rest would be cut anyway
    context.budget.chars -= key.length + 4;
    value[key] = generate(properties[key] ?? {}, context, depth + 1);
  }
  return value;
}

function arrayFor(schema: Schema, context: Context, depth: number): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const length = Math.min(Math.max(count(schema.minItems, 0), prefix.length), MAX_ITEMS);
  const items: unknown[] = [];
  context.budget.chars -= 2;
  for (let i = 0; i < length && context.budget.chars > 0; i++) {
    context.budget.chars -= 1;
    items.push(generate(i < prefix.length ? prefix[i] : (schema.items ?? {}), context, depth + 1));
  }
  return items;
}

/**
 * A JSON value for `schema` (minimal: required properties, the first enum value or option, the lowest bound),
 * whose JSON stops growing soon after `maxChars`.
 */
export function exampleFromSchema(schema: Record<string, unknown>, maxChars = DEFAULT_MAX_CHARS): unknown {
  return generate(schema, { root: schema, budget: { nodes: MAX_NODES, chars: maxChars } }, 0);
}
