import type { ModelConfig } from '@/lib/client/types';

/** A function the model may call, as typed into the form: the parameters schema stays JSON text. */
export type ToolForm = { name: string; description: string; parameters: string };

/** Model settings as typed into the form: numbers and JSON stay text so half-typed values ("0.", "{") survive. */
export type ModelForm = {
  provider: string;
  model: string;
  temperature: string;
  maxTokens: string;
  topP: string;
  stop: string;
  /** Structured output; an empty `schema` means none. */
  responseSchema: { name: string; schema: string; strict: boolean };
  tools: ToolForm[];
};

export const MAX_STOP_SEQUENCES = 4;
export const DEFAULT_SCHEMA_NAME = 'response';
// What the server stores for a tool sent without parameters.
const EMPTY_PARAMETERS = { type: 'object', properties: {} };

// Stop sequences are comma/newline separated, so those characters (and \) are escaped in the text.
function escapeStop(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/,/g, '\\,');
}

function unescapeStop(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** Splits on unescaped commas and newlines; blank entries are dropped. */
export function parseStop(text: string): string[] {
  const raw: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      current += c + text.charAt(++i);
    } else if (c === ',' || c === '\n') {
      raw.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  raw.push(current);
  return raw.map((s) => s.trim()).filter(Boolean).map(unescapeStop);
}

const jsonText = (value: unknown) => JSON.stringify(value, null, 2);

export function modelToForm(model: ModelConfig): ModelForm {
  return {
    provider: model.provider,
    model: model.model,
    temperature: model.temperature === undefined ? '' : String(model.temperature),
    maxTokens: model.maxTokens === undefined ? '' : String(model.maxTokens),
    topP: model.topP === undefined ? '' : String(model.topP),
    stop: (model.stop ?? []).map(escapeStop).join('\n'),
    responseSchema: model.responseSchema
      ? { name: model.responseSchema.name, schema: jsonText(model.responseSchema.schema), strict: model.responseSchema.strict ?? false }
      : { name: DEFAULT_SCHEMA_NAME, schema: '', strict: false },
    tools: (model.tools ?? []).map((t) => ({ name: t.name, description: t.description ?? '', parameters: jsonText(t.parameters) })),
  };
}

function optionalNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** The JSON object typed in `text`, or undefined when it is empty, not JSON or not an object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Empty fields are omitted; what cannot be read (bad JSON, "abc") is left out too: modelFormErrors says why. */
export function formToModel(form: ModelForm): ModelConfig {
  const model: ModelConfig = { provider: form.provider, model: form.model.trim() };
  const temperature = optionalNumber(form.temperature);
  const maxTokens = optionalNumber(form.maxTokens);
  const topP = optionalNumber(form.topP);
  const stop = parseStop(form.stop);
  if (temperature !== undefined) model.temperature = temperature;
  if (maxTokens !== undefined) model.maxTokens = maxTokens;
  if (topP !== undefined) model.topP = topP;
  if (stop.length > 0) model.stop = stop;
  const schema = parseJsonObject(form.responseSchema.schema);
  if (schema) {
    model.responseSchema = { name: form.responseSchema.name.trim() || DEFAULT_SCHEMA_NAME, schema };
    if (form.responseSchema.strict) model.responseSchema.strict = true;
  }
  if (form.tools.length > 0) {
    model.tools = form.tools.map((t) => {
      const tool: NonNullable<ModelConfig['tools']>[number] = {
        name: t.name.trim(),
        parameters: t.parameters.trim() === '' ? EMPTY_PARAMETERS : (parseJsonObject(t.parameters) ?? EMPTY_PARAMETERS),
      };
      if (t.description.trim()) tool.description = t.description.trim();
      return tool;
    });
  }
  return model;
}
