'use client';

import { Button } from '@/components/ui/button';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { DEFAULT_SCHEMA_NAME, type ModelForm } from './model-form';

type Value = ModelForm['responseSchema'];

const EXAMPLE = JSON.stringify(
  { type: 'object', properties: { answer: { type: 'string' }, confidence: { type: 'number' } }, required: ['answer', 'confidence'], additionalProperties: false },
  null,
  2,
);

type Props = {
  value: Value;
  onChange: (value: Value) => void;
  /** Keyed like the API's paths under `model.`. */
  errors: Record<string, string>;
};

/** Structured output: a JSON Schema the reply must match (empty: free text). Part of the model settings fieldset. */
export function ResponseSchemaField({ value, onChange, errors }: Props) {
  const set = (patch: Partial<Value>) => onChange({ ...value, ...patch });
  const on = value.schema.trim() !== '';
  const schemaError = errors['responseSchema.schema'] ?? errors.responseSchema;
  const nameError = errors['responseSchema.name'];
  return (
    <div className="grid gap-2 border-t pt-3 sm:col-span-2" data-testid="response-schema-field">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Label htmlFor="model-response-schema">Structured output</Label>
        {!on ? (
          <Button type="button" variant="link" size="sm" className="h-auto p-0 text-xs" onClick={() => set({ schema: EXAMPLE })} data-testid="response-schema-example">
            Start from an example
          </Button>
        ) : null}
      </div>
      <Textarea
        id="model-response-schema"
        value={value.schema}
        onChange={(e) => set({ schema: e.target.value })}
        rows={on ? 8 : 2}
        className="min-h-0 font-mono text-xs"
        spellCheck={false}
        placeholder="None: the reply is free text. Paste a JSON Schema to get JSON that matches it."
        data-testid="model-response-schema"
        {...fieldAria('model-response-schema-error', schemaError, 'model-response-schema-hint')}
      />
      <p id="model-response-schema-hint" className="text-xs text-muted-foreground">
        A JSON Schema object. The reply is checked against it and shown as formatted JSON.
      </p>
      <FieldMessage id="model-response-schema-error" message={schemaError} />
      {on ? (
        <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
          <div className="grid min-w-40 flex-1 gap-1.5">
            <Label htmlFor="model-response-schema-name">Schema name</Label>
            <Input
              id="model-response-schema-name"
              value={value.name}
              onChange={(e) => set({ name: e.target.value })}
              placeholder={DEFAULT_SCHEMA_NAME}
              maxLength={64}
              className="font-mono"
              spellCheck={false}
              data-testid="model-response-schema-name"
              {...fieldAria('model-response-schema-name-error', nameError)}
            />
            <FieldMessage id="model-response-schema-name-error" message={nameError} />
          </div>
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input
              type="checkbox"
              checked={value.strict}
              onChange={(e) => set({ strict: e.target.checked })}
              className="size-4 accent-primary"
              data-testid="model-response-schema-strict"
            />
            Strict (the provider enforces the schema exactly)
          </label>
        </div>
      ) : null}
    </div>
  );
}
