'use client';

import { useState } from 'react';
import { NativeSelect } from '@/components/prompts/native-select';
import { useSaveProvider } from '@/components/providers/use-providers';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { formErrors } from '@/lib/client/field-errors';
import type { CatalogEntry } from '@/lib/providers/catalog';

type Props = { open: boolean; onOpenChange: (open: boolean) => void; catalog: CatalogEntry[] };

const FIELDS = ['provider', 'label', 'apiKey', 'baseUrl'] as const;

export function ProviderAddDialog({ open, onOpenChange, catalog }: Props) {
  const choices = catalog.filter((entry) => entry.kind !== 'local');
  const [providerId, setProviderId] = useState(choices[0]?.id ?? '');
  const save = useSaveProvider();
  const entry = choices.find((c) => c.id === providerId);
  const errors = formErrors(save.error, FIELDS);
  const error = (field: (typeof FIELDS)[number], hint?: string) => fieldAria(`provider-${field}-error`, errors.fields[field], hint);

  function close(next: boolean) {
    if (!next) save.reset();
    onOpenChange(next);
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!entry) return;
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    save.mutate(
      { provider: entry.id, label: field('label'), apiKey: field('apiKey'), baseUrl: field('baseUrl') },
      {
        onSuccess: (saved) => {
          toast({ title: `Saved “${saved.label}”`, variant: 'success' });
          close(false);
        },
      },
    );
  }

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add a model provider</DialogTitle>
          <DialogDescription>
            The key is encrypted before it is stored and is never shown again. Saving a provider under a label that exists replaces it.
          </DialogDescription>
        </DialogHeader>
        {/* Keyed by provider so switching clears fields that do not apply. */}
        <form key={providerId} onSubmit={submit} className="space-y-4" autoComplete="off">
          {errors.form && <Alert variant="destructive"><AlertDescription data-testid="provider-form-error">{errors.form}</AlertDescription></Alert>}
          <div className="space-y-2">
            <Label htmlFor="provider-select">Provider</Label>
            <NativeSelect
              id="provider-select"
              value={providerId}
              onChange={(e) => {
                setProviderId(e.target.value);
                save.reset();
              }}
              data-testid="provider-select"
              {...error('provider')}
            >
              {choices.map((c) => (
                <option key={c.id} value={c.id}>{c.label}</option>
              ))}
            </NativeSelect>
            <FieldMessage id="provider-provider-error" message={errors.fields.provider} />
          </div>
          <div className="space-y-2">
            <Label htmlFor="provider-label">Label{entry?.id !== 'custom' && <span className="font-normal text-muted-foreground"> (optional)</span>}</Label>
            <Input
              id="provider-label"
              name="label"
              maxLength={50}
              pattern="[A-Za-z0-9][A-Za-z0-9._\-]*"
              title="Letters, digits, . _ or -"
              placeholder={entry?.id === 'custom' ? 'my-endpoint' : entry?.id}
              required={entry?.id === 'custom'}
              data-testid="provider-label"
              {...error('label', 'provider-label-hint')}
            />
            <FieldMessage id="provider-label-error" message={errors.fields.label} />
            <p id="provider-label-hint" className="text-xs text-muted-foreground">
              {entry?.id === 'custom' ? (
                'Prompts and runs name this endpoint by its label.'
              ) : (
                <>Prompts and runs name the provider by this label. Leave it empty to use <code className="font-mono">{entry?.id}</code>, which overrides the instance settings.</>
              )}
            </p>
          </div>
          {entry && entry.apiKey !== 'none' && (
            <div className="space-y-2">
              <Label htmlFor="provider-api-key">
                API key{entry.apiKey === 'optional' && <span className="font-normal text-muted-foreground"> (optional)</span>}
              </Label>
              <Input
                id="provider-api-key"
                name="apiKey"
                type="password"
                autoComplete="new-password"
                spellCheck={false}
                required={entry.apiKey === 'required'}
                className="font-mono"
                data-testid="provider-api-key"
                {...error('apiKey')}
              />
              <FieldMessage id="provider-apiKey-error" message={errors.fields.apiKey} />
            </div>
          )}
          {entry && entry.baseUrl !== 'none' && (
            <div className="space-y-2">
              <Label htmlFor="provider-base-url">
                Base URL{entry.baseUrl === 'optional' && <span className="font-normal text-muted-foreground"> (optional)</span>}
              </Label>
              <Input
                id="provider-base-url"
                name="baseUrl"
                type="url"
                required={entry.baseUrl === 'required'}
                placeholder={entry.baseUrlPlaceholder}
                className="font-mono"
                data-testid="provider-base-url"
                {...error('baseUrl')}
              />
              <FieldMessage id="provider-baseUrl-error" message={errors.fields.baseUrl} />
            </div>
          )}
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => close(false)}>Cancel</Button>
            <Button type="submit" disabled={save.isPending || !entry} data-testid="save-provider">{save.isPending && <Spinner />} Save</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
