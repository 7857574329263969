'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { NativeSelect } from '@/components/prompts/native-select';
import { MAX_DESCRIPTION_LENGTH, VARIABLE_TYPES, type VariableDef, type VariableType } from '@/lib/templates';
import { defaultToText, parseDefault } from './variable-default';

type Props = {
  /** The variable being edited; null keeps the dialog closed. */
  variable: VariableDef | null;
  unused: boolean;
  onOpenChange: (open: boolean) => void;
  onSave: (def: VariableDef) => void;
  onRemove: (name: string) => void;
};

export function VariableEditorDialog({ variable, unused, onOpenChange, onSave, onRemove }: Props) {
  return (
    <Dialog open={variable !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md" data-testid="variable-editor">
        {variable ? (
          <>
            <DialogHeader>
              <DialogTitle>
                Variable <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-base">{variable.name}</code>
              </DialogTitle>
              <DialogDescription>
                {unused
                  ? 'Declared but not used in the template. Remove it, or use it as {{ ' + variable.name + ' }}.'
                  : 'How callers supply this value when the prompt is rendered.'}
              </DialogDescription>
            </DialogHeader>
            <VariableForm
              key={variable.name}
              variable={variable}
              unused={unused}
              onCancel={() => onOpenChange(false)}
              onSave={onSave}
              onRemove={onRemove}
            />
          </>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

type FormProps = Omit<Props, 'variable' | 'onOpenChange'> & { variable: VariableDef; onCancel: () => void };

function VariableForm({ variable, unused, onCancel, onSave, onRemove }: FormProps) {
  const [type, setType] = useState<VariableType>(variable.type);
  const [required, setRequired] = useState(variable.required);
  const [defaultText, setDefaultText] = useState(defaultToText(variable.type, variable.default));
  const [description, setDescription] = useState(variable.description ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = (field: string) => `variable-${variable.name}-${field}`;

  function changeType(next: VariableType) {
    setType(next);
    setError(null);
    // A boolean default is picked from a list, so free text from another type can't carry over.
    if (next === 'boolean' || type === 'boolean') setDefaultText('');
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseDefault(type, defaultText);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    const def: VariableDef = { name: variable.name, type, required };
    if (parsed.value !== undefined) def.default = parsed.value;
    if (description.trim()) def.description = description.trim();
    onSave(def);
  }

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <div className="grid gap-2">
        <Label htmlFor={id('type')}>Type</Label>
        <NativeSelect
          id={id('type')}
          value={type}
          onChange={(e) => changeType(e.target.value as VariableType)}
          data-testid="variable-type"
        >
          {VARIABLE_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </NativeSelect>
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          checked={required}
          onChange={(e) => setRequired(e.target.checked)}
          className="mt-0.5 size-4 accent-primary"
          data-testid="variable-required"
        />
        <span>
          <span className="font-medium">Required</span>
          <span className="block text-muted-foreground">Rendering fails when a required value is missing and has no default.</span>
        </span>
      </label>
      <div className="grid gap-2">
        <Label htmlFor={id('default')}>Default value</Label>
        <DefaultInput
          id={id('default')}
          type={type}
          value={defaultText}
          onChange={(v) => {
            setDefaultText(v);
            setError(null);
          }}
          aria={fieldAria(id('default-error'), error ?? undefined, id('default-hint'))}
        />
        <FieldMessage id={id('default-error')} message={error ?? undefined} />
        <p id={id('default-hint')} className="text-xs text-muted-foreground">
          Leave empty for no default.
        </p>
      </div>
      <div className="grid gap-2">
        <Label htmlFor={id('description')}>Description</Label>
        <Textarea
          id={id('description')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={MAX_DESCRIPTION_LENGTH}
          rows={2}
          placeholder="What this value is for"
          data-testid="variable-description"
        />
      </div>
      <DialogFooter className="sm:justify-between">
        {unused ? (
          <Button type="button" variant="ghost" className="text-destructive hover:bg-destructive/10 hover:text-destructive" onClick={() => onRemove(variable.name)} data-testid="remove-variable">
            Remove variable
          </Button>
        ) : (
          <span className="hidden sm:block" />
        )}
        <div className="flex flex-col-reverse gap-2 sm:flex-row">
          <Button type="button" variant="outline" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" data-testid="save-variable">
            Apply
          </Button>
        </div>
      </DialogFooter>
    </form>
  );
}

type DefaultInputProps = { id: string; type: VariableType; value: string; onChange: (value: string) => void; aria: ReturnType<typeof fieldAria> };

function DefaultInput({ id, type, value, onChange, aria }: DefaultInputProps) {
  const common = { id, ...aria, 'data-testid': 'variable-default' };
  if (type === 'boolean') {
    return (
      <NativeSelect {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">No default</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </NativeSelect>
    );
  }
  if (type === 'json') {
    return (
      <Textarea
        {...common}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={4}
        className="font-mono text-sm"
        placeholder='{"key": "value"}'
        spellCheck={false}
      />
    );
  }
  // A text field even for numbers: type=number reports "" for text it cannot read, which would drop it silently.
  return (
    <Input
      {...common}
      type="text"
      inputMode={type === 'number' ? 'decimal' : undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
