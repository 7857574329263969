'use client';

import { useState } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { NativeSelect } from '@/components/prompts/native-select';
import { apiFetch } from '@/lib/client/api';
import type { CatalogEntry } from '@/lib/providers/catalog';

type Props = { open: boolean; onOpenChange: (open: boolean) => void; catalog: CatalogEntry[]; onSaved: () => void };

export function ProviderAddDialog({ open, onOpenChange, catalog, onSaved }: Props) {
  const choices = catalog.filter((entry) => entry.kind !== 'local');
  const [providerId, setProviderId] = useState(choices[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const entry = choices.find((c) => c.id === providerId);

  function close(next: boolean) {
    if (!next) setError(null);
    onOpenChange(next);
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!entry) return;
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    setBusy(true);
    setError(null);
    try {
      const saved = await apiFetch<{ label: string }>('/api/v1/providers', {
        method: 'POST',
        body: { provider: entry.id, label: field('label'), apiKey: field('apiKey'), baseUrl: field('baseUrl') },
      });
      toast({ title: `Saved “${saved.label}”`, variant: 'success' });
      onSaved();
      close(false);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
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
          {error && <Alert variant="destructive"><AlertDescription data-testid="provider-form-error">{error}</AlertDescription></Alert>}
          <div className="space-y-2">
            <Label htmlFor="provider-select">Provider</Label>
            <NativeSelect id="provider-select" value={providerId} onChange={(e) => setProviderId(e.target.value)} data-testid="provider-select">
              {choices.map((c) => (
                <option key={c.id} value={c.id}>{c.label}</option>
              ))}
            </NativeSelect>
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
            />
            <p className="text-xs text-muted-foreground">
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
              />
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
              />
            </div>
          )}
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => close(false)}>Cancel</Button>
            <Button type="submit" disabled={busy || !entry} data-testid="save-provider">{busy && <Spinner />} Save</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
