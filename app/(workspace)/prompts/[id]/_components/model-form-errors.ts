import { MAX_JSON_SCHEMA_BYTES, MAX_TOOLS } from '@/lib/prompts/schemas';
import { MAX_STOP_SEQUENCES, parseStop, type ModelForm } from './model-form';

const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
const NAME_RULE = 'Use 1 to 64 letters, digits, _ or -.';

function numberError(text: string, { min, max, integer = false }: { min: number; max: number; integer?: boolean }): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return integer ? 'Must be a whole number.' : 'Must be a number.';
  if (integer && !Number.isInteger(n)) return 'Must be a whole number.';
  if (n < min || n > max) return `Between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}.`;
  return undefined;
}

/** Where JSON.parse stopped, as "line 3, column 5" (engines report a character position). */
function jsonPosition(text: string, message: string): string | null {
  const match = /position (\d+)/.exec(message);
  if (!match) return null;
  const before = text.slice(0, Number(match[1]));
  const lines = before.split('\n');
  return `line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1}`;
}

/** Why `text` is not a usable JSON Schema object, in plain words; undefined when it is (or is empty). */
export function jsonSchemaError(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const where = jsonPosition(text, error instanceof Error ? error.message : '');
    return where ? `This is not valid JSON (check ${where}).` : 'This is not valid JSON.';
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'Must be a JSON object, like { "type": "object" }.';
  if (JSON.stringify(value).length > MAX_JSON_SCHEMA_BYTES) return `At most ${MAX_JSON_SCHEMA_BYTES.toLocaleString('en-US')} characters of JSON.`;
  return undefined;
}

/**
 * What is wrong with the form before anything is sent, keyed like the API's paths under `model.`
 * (`temperature`, `responseSchema.schema`, `tools.2.name`), so one map serves both sources of errors.
 */
export function modelFormErrors(form: ModelForm): Record<string, string> {
  const errors: Record<string, string | undefined> = {
    provider: form.provider.trim() ? undefined : 'Required.',
    model: form.model.trim() ? undefined : 'Required.',
    temperature: numberError(form.temperature, { min: 0, max: 2 }),
    maxTokens: numberError(form.maxTokens, { min: 1, max: 1_000_000, integer: true }),
    topP: numberError(form.topP, { min: 0, max: 1 }),
    stop: parseStop(form.stop).length > MAX_STOP_SEQUENCES ? `At most ${MAX_STOP_SEQUENCES} stop sequences.` : undefined,
    'responseSchema.schema': jsonSchemaError(form.responseSchema.schema),
  };
  const schemaName = form.responseSchema.name.trim();
  if (form.responseSchema.schema.trim() && schemaName && !NAME_PATTERN.test(schemaName)) errors['responseSchema.name'] = NAME_RULE;
  if (form.tools.length > MAX_TOOLS) errors.tools = `At most ${MAX_TOOLS} tools.`;
  const seen = new Set<string>();
  form.tools.forEach((tool, i) => {
    const name = tool.name.trim();
    if (!name) errors[`tools.${i}.name`] = 'Required.';
    else if (!NAME_PATTERN.test(name)) errors[`tools.${i}.name`] = NAME_RULE;
    else if (seen.has(name)) errors[`tools.${i}.name`] = 'Another tool already has this name.';
    seen.add(name);
    if (tool.description.length > 2_000) errors[`tools.${i}.description`] = 'At most 2,000 characters.';
    errors[`tools.${i}.parameters`] = jsonSchemaError(tool.parameters);
  });
  return Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => e[1] !== undefined));
}
