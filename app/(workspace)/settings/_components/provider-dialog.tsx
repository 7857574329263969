'use client';

import { useState } from 'react';
import { NativeSelect } from '@/components/prompts/native-select';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { formErrors } from '@/lib/client/field-errors';
import type { ProviderCredential } from '@/lib/client/types';
import type { CatalogEntry } from '@/lib/providers/catalog';
import { ProviderSaveSteps } from './provider-save-steps';
import { useProviderSave, type ProviderValues } from './use-provider-save';

type Props = {
  onOpenChange: (open: boolean) => void;
  catalog: CatalogEntry[];
  existing: ProviderCredential[];
  /** The saved entry to edit; null adds a new one. */
  editing: ProviderCredential | null;
};

const FIELDS = ['provider', 'label', 'apiKey', 'baseUrl'] as const;
type Field = (typeof FIELDS)[number];

const initialValues = (editing: ProviderCredential | null): ProviderValues => ({
  label: editing?.label ?? '',
  apiKey: '',
  baseUrl: editing?.baseUrl ?? '',
  removeKey: false,
});

/** Add or edit a model provider. Mounted only while open, so each opening starts from the entry as saved. */
export function ProviderDialog({ onOpenChange, catalog, existing, editing }: Props) {
  const choices = catalog.filter((entry) => entry.kind !== 'local');
  const [providerId, setProviderId] = useState(editing?.provider ?? choices[0]?.id ?? '');
  const [values, setValues] = useState(() => initialValues(editing));
  const entry = catalog.find((c) => c.id === providerId) ?? (editing ? catalog.find((c) => c.id === 'custom') : undefined);
  const flow = useProviderSave({
    entry,
    editing,
    existing,
    onSaved: (saved) => {
      toast({ id: `provider:${saved.id}`, title: `Saved “${saved.label}”`, variant: 'success' });
      onOpenChange(false);
    },
  });
  const errors = formErrors(flow.error, FIELDS);
  const message = (field: Field) => (field === 'provider' ? errors.fields.provider : (flow.clientErrors[field] ?? errors.fields[field]));
  const aria = (field: Field, hint?: string) => fieldAria(`provider-${field}-error`, message(field), hint);
  const set = (field: keyof ProviderValues) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [field]: field === 'removeKey' ? event.target.checked : event.target.value }));

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void flow.submit(values);
  }

  const custom = entry?.id === 'custom';
  return (
    <Dialog open onOpenChange={onOpenChange}>
      <DialogContent data-testid="provider-dialog">
        <DialogHeader>
          <DialogTitle>{editing ? `Edit “${editing.label}”` : 'Add a model provider'}</DialogTitle>
          <DialogDescription>
            {editing
              ? 'Leave the key empty to keep the stored one. A new base URL is tested before it is saved.'
              : 'The key is encrypted before it is stored and is never shown again. An endpoint is tested before it is saved.'}
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="space-y-4" autoComplete="off" noValidate>
          {errors.form && (
            <Alert variant="destructive">
              <AlertDescription data-testid="provider-form-error">{errors.form}</AlertDescription>
            </Alert>
          )}
          <div className="space-y-2">
            <Label htmlFor="provider-select">Provider</Label>
            <NativeSelect
              id="provider-select"
              value={providerId}
              disabled={Boolean(editing)}
              onChange={(e) => {
                setProviderId(e.target.value);
                setValues(initialValues(null));
                flow.reset();
              }}
              data-testid="provider-select"
              {...aria('provider')}
            >
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </NativeSelect>
            <FieldMessage id="provider-provider-error" message={message('provider')} />
          </div>
          <div className="space-y-2">
            <Label htmlFor="provider-label">
              Label{!custom && <span className="font-normal text-muted-foreground"> (optional)</span>}
            </Label>
            <Input
              id="provider-label"
              maxLength={50}
              value={values.label}
              onChange={set('label')}
              placeholder={custom ? 'my-endpoint' : entry?.id}
              data-testid="provider-label"
              {...aria('label', 'provider-label-hint')}
            />
            <FieldMessage id="provider-label-error" message={message('label')} />
            <p id="provider-label-hint" className="text-xs text-muted-foreground">
              {custom
                ? 'Prompts and runs name this endpoint by its label: letters, digits, “.”, “_” or “-”.'
                : `Prompts and runs name the provider by this label. Leave it empty to use “${entry?.id ?? ''}”, which overrides the instance settings.`}
            </p>
          </div>
          {entry && entry.apiKey !== 'none' && (
            <div className="space-y-2">
              <Label htmlFor="provider-api-key">
                API key{(entry.apiKey === 'optional' || editing) && <span className="font-normal text-muted-foreground"> (optional)</span>}
              </Label>
              <Input
                id="provider-api-key"
                type="password"
                autoComplete="new-password"
                spellCheck={false}
                value={values.apiKey}
                onChange={set('apiKey')}
                placeholder={editing?.keyLast4 ? `Keep ••••${editing.keyLast4}` : undefined}
                className="font-mono"
                data-testid="provider-api-key"
                {...aria('apiKey')}
              />
              <FieldMessage id="provider-apiKey-error" message={message('apiKey')} />
              {editing?.keyLast4 !== null && editing && entry.apiKey === 'optional' && (
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={values.removeKey} onChange={set('removeKey')} disabled={Boolean(values.apiKey)} data-testid="provider-remove-key" />
                  Remove the stored key
                </label>
              )}
            </div>
          )}
          {entry && entry.baseUrl !== 'none' && (
            <div className="space-y-2">
              <Label htmlFor="provider-base-url">
                Base URL{entry.baseUrl === 'optional' && <span className="font-normal text-muted-foreground"> (optional)</span>}
              </Label>
              <Input
                id="provider-base-url"
                type="url"
                value={values.baseUrl}
                onChange={set('baseUrl')}
                placeholder={entry.baseUrlPlaceholder}
                className="font-mono"
                data-testid="provider-base-url"
                {...aria('baseUrl')}
              />
              <FieldMessage id="provider-baseUrl-error" message={message('baseUrl')} />
            </div>
          )}
          <ProviderSaveSteps step={flow.step} onConfirm={(confirmed) => void flow.submit(values, confirmed)} onBack={flow.reset} />
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={flow.pending || !entry} data-testid="save-provider">
              {flow.pending && <Spinner />} {flow.testing ? 'Testing…' : 'Save'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
