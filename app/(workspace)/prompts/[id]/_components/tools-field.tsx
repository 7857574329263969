'use client';

import { useRef } from 'react';
import { PlusIcon, Trash2Icon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { MAX_TOOLS } from '@/lib/prompts/schemas';
import type { ToolForm } from './model-form';

const NEW_TOOL: ToolForm = {
  name: '',
  description: '',
  parameters: JSON.stringify({ type: 'object', properties: {}, required: [] }, null, 2),
};

type Props = {
  value: ToolForm[];
  onChange: (value: ToolForm[]) => void;
  readOnly: boolean;
  /** Keyed like the API's paths under `model.` (`tools.0.name`). */
  errors: Record<string, string>;
};

/** Function definitions the model may call; the calls it makes are recorded on the run. */
export function ToolsField({ value, onChange, readOnly, errors }: Props) {
  const list = useRef<HTMLOListElement>(null);
  const update = (index: number, patch: Partial<ToolForm>) => onChange(value.map((t, i) => (i === index ? { ...t, ...patch } : t)));

  function add() {
    onChange([...value, NEW_TOOL]);
    // The new tool's name field, once rendered: adding is followed by naming.
    requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>(`#model-tool-${value.length}-name`)?.focus());
  }

  function remove(index: number) {
    onChange(value.filter((_, i) => i !== index));
  }

  return (
    <div className="grid gap-2 border-t pt-3 sm:col-span-2" data-testid="tools-field">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-sm font-medium" id="model-tools-label">
          Tools <span className="font-normal text-muted-foreground">({value.length})</span>
        </span>
        {!readOnly ? (
          <Button type="button" variant="outline" size="sm" onClick={add} disabled={value.length >= MAX_TOOLS} data-testid="add-tool">
            <PlusIcon aria-hidden="true" />
            Add tool
          </Button>
        ) : null}
      </div>
      {value.length === 0 ? <p className="text-xs text-muted-foreground">No tools: the model answers in text only.</p> : null}
      <FieldMessage id="model-tools-error" message={errors.tools} />
      <ol ref={list} className="grid gap-3" aria-labelledby="model-tools-label">
        {value.map((tool, i) => {
          const id = `model-tool-${i}`;
          const nameError = errors[`tools.${i}.name`];
          const descriptionError = errors[`tools.${i}.description`];
          const parametersError = errors[`tools.${i}.parameters`];
          return (
            <li key={i} className="grid gap-2 rounded-lg border p-3" data-testid={`tool-${i}`}>
              <div className="flex items-end gap-2">
                <div className="grid min-w-0 flex-1 gap-1.5">
                  <Label htmlFor={`${id}-name`}>Function name</Label>
                  <Input
                    id={`${id}-name`}
                    value={tool.name}
                    onChange={(e) => update(i, { name: e.target.value })}
                    placeholder="get_weather"
                    maxLength={64}
                    className="font-mono"
                    spellCheck={false}
                    data-testid={`${id}-name`}
                    {...fieldAria(`${id}-name-error`, nameError)}
                  />
                </div>
                {!readOnly ? (
                  <Button type="button" variant="ghost" size="icon" onClick={() => remove(i)} aria-label={`Remove tool ${tool.name || i + 1}`} data-testid={`${id}-remove`}>
                    <Trash2Icon aria-hidden="true" />
                  </Button>
                ) : null}
              </div>
              <FieldMessage id={`${id}-name-error`} message={nameError} />
              <Label htmlFor={`${id}-description`}>Description</Label>
              <Input
                id={`${id}-description`}
                value={tool.description}
                onChange={(e) => update(i, { description: e.target.value })}
                placeholder="What it does and when to call it"
                maxLength={2000}
                data-testid={`${id}-description`}
                {...fieldAria(`${id}-description-error`, descriptionError)}
              />
              <FieldMessage id={`${id}-description-error`} message={descriptionError} />
              <Label htmlFor={`${id}-parameters`}>Parameters (JSON Schema)</Label>
              <Textarea
                id={`${id}-parameters`}
                value={tool.parameters}
                onChange={(e) => update(i, { parameters: e.target.value })}
                rows={5}
                className="min-h-0 font-mono text-xs"
                spellCheck={false}
                placeholder='{ "type": "object", "properties": {} }'
                data-testid={`${id}-parameters`}
                {...fieldAria(`${id}-parameters-error`, parametersError)}
              />
              <FieldMessage id={`${id}-parameters-error`} message={parametersError} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}
