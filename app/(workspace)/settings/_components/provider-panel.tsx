'use client';

import { useState } from 'react';
import { Pencil, Plus, Server } from 'lucide-react';
import { useDeleteProvider, useProviders } from '@/components/providers/use-providers';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import { plainMessage } from '@/lib/client/field-errors';
import type { AvailableProvider, ProviderCredential } from '@/lib/client/types';
import { ProviderDialog } from './provider-dialog';
import { ProviderTest } from './provider-test';

const SOURCE_BADGE = {
  builtin: { text: 'built-in', variant: 'secondary' },
  instance: { text: 'instance', variant: 'outline' },
  workspace: { text: 'workspace', variant: 'success' },
} as const;

export function ProvidersPanel({ canManage, canTest }: { canManage: boolean; canTest: boolean }) {
  const providers = useProviders();
  const remove = useDeleteProvider();
  // null: closed; 'new': adding; else the entry being edited.
  const [dialog, setDialog] = useState<'new' | ProviderCredential | null>(null);
  const data = providers.data;
  const catalogLabel = (id: string) => data?.catalog.find((entry) => entry.id === id)?.label ?? id;

  function removeRow(row: ProviderCredential) {
    remove.mutate(row.id, {
      onSuccess: () => toast({ id: `provider:${row.id}`, title: `Removed “${row.label}”`, variant: 'success' }),
      onError: (error) => toast({ id: `provider:${row.id}`, title: `Could not remove “${row.label}”`, description: plainMessage(errorMessage(error)), variant: 'error' }),
    });
  }

  return (
    <Card data-testid="providers-panel">
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div className="space-y-1.5">
          <CardTitle>Model providers</CardTitle>
          <CardDescription>
            Keys and endpoints this workspace runs prompts with. Keys are stored encrypted and never shown again; a workspace key overrides the instance settings.
          </CardDescription>
        </div>
        {canManage && (
          <Button size="sm" onClick={() => setDialog('new')} disabled={!data} data-testid="add-provider">
            <Plus aria-hidden /> Add provider
          </Button>
        )}
      </CardHeader>
      <CardContent className="space-y-6">
        {providers.isError && (
          <Alert variant="destructive"><AlertDescription>{plainMessage(errorMessage(providers.error))}</AlertDescription></Alert>
        )}
        {providers.isPending && <Skeleton className="h-24" />}
        {data && (
          <>
            <AvailableList available={data.available} />
            <section className="space-y-2" aria-labelledby="saved-providers-heading">
              <h3 id="saved-providers-heading" className="text-sm font-medium">Saved in this workspace</h3>
              {data.credentials.length === 0 ? (
                <EmptyState
                  icon={<Server />}
                  title="No workspace keys or endpoints"
                  titleAs="p"
                  description={canManage ? 'Add an OpenAI, Anthropic or Groq key, or point at Ollama or any OpenAI-compatible server.' : 'An admin of this workspace can add them.'}
                  className="py-8"
                />
              ) : (
                <ul className="divide-y rounded-lg border" data-testid="provider-list">
                  {data.credentials.map((row) => (
                    <ProviderRow
                      key={row.id}
                      row={row}
                      providerName={catalogLabel(row.provider)}
                      onRemove={canManage ? () => removeRow(row) : undefined}
                      onEdit={canManage ? () => setDialog(row) : undefined}
                      canTest={canTest}
                    />
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </CardContent>
      {data && canManage && dialog && (
        <ProviderDialog
          key={dialog === 'new' ? 'new' : dialog.id}
          onOpenChange={(open) => !open && setDialog(null)}
          catalog={data.catalog}
          existing={data.credentials}
          editing={dialog === 'new' ? null : dialog}
        />
      )}
    </Card>
  );
}

function AvailableList({ available }: { available: AvailableProvider[] }) {
  return (
    <section className="space-y-2" aria-labelledby="available-providers-heading">
      <h3 id="available-providers-heading" className="text-sm font-medium">Available to run</h3>
      <ul className="flex flex-wrap gap-2" data-testid="available-providers">
        {available.map((provider) => (
          <li key={provider.id} className="flex items-center gap-1.5 rounded-md border px-2.5 py-1 text-sm" data-testid="available-provider">
            <span>{provider.label}</span>
            <Badge variant={SOURCE_BADGE[provider.source].variant}>{SOURCE_BADGE[provider.source].text}</Badge>
          </li>
        ))}
      </ul>
    </section>
  );
}

type RowProps = { row: ProviderCredential; providerName: string; onRemove?: () => void; onEdit?: () => void; canTest: boolean };

function ProviderRow({ row, providerName, onRemove, onEdit, canTest }: RowProps) {
  return (
    <li className="space-y-2 px-4 py-3" data-testid="provider-row">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1 basis-48">
          <div className="flex items-center gap-2">
            <span className="font-medium" data-testid="provider-row-label">{row.label}</span>
            <Badge variant="outline">{providerName}</Badge>
          </div>
          <div className="truncate text-xs text-muted-foreground">
            {row.baseUrl && <code className="font-mono" data-testid="provider-row-base-url">{row.baseUrl}</code>}
            {row.baseUrl && ' · '}
            <span data-testid="provider-row-key">
              {row.keyLast4 === null ? 'no key' : <>key <code className="font-mono">••••{row.keyLast4}</code></>}
            </span>
          </div>
        </div>
        {onEdit && (
          <Button variant="outline" size="sm" onClick={onEdit} data-testid="edit-provider">
            <Pencil aria-hidden /> Edit
          </Button>
        )}
        {onRemove && (
          <ConfirmButton
            label="Remove"
            testId="delete-provider"
            title={`Remove “${row.label}”?`}
            description={
              <>
                The stored key is deleted. Prompts and runs that name <code className="font-mono">{row.label}</code> fall back
                to the instance settings, or fail until it is added again.
              </>
            }
            confirmLabel="Remove"
            confirmTestId="confirm-delete-provider"
            onConfirm={onRemove}
          />
        )}
      </div>
      {canTest && <ProviderTest provider={row.label} />}
    </li>
  );
}
