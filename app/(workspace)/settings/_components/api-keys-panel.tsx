'use client';

import { useCallback, useEffect, useState } from 'react';
import { KeyRound, Plus } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { apiFetch } from '@/lib/client/api';
import { formatRelative } from '@/lib/client/format';
import { CreateKeyDialog } from './create-key-dialog';
import { ConfirmButton } from '@/components/ui/confirm-button';

export type ApiKeyRow = { id: string; name: string; prefix: string; lastUsedAt: string | null; createdAt: string };

export function ApiKeysPanel() {
  const [keys, setKeys] = useState<ApiKeyRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(() => {
    apiFetch<ApiKeyRow[]>('/api/v1/api-keys').then(
      (rows) => { setKeys(rows); setError(null); },
      (e: Error) => setError(e.message),
    );
  }, []);

  useEffect(load, [load]);

  return (
    <Card>
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div className="space-y-1.5">
          <CardTitle>API keys</CardTitle>
          <CardDescription>
            Call the API, SDK or CLI with <code className="rounded bg-muted px-1 font-mono text-xs">Authorization: Bearer &lt;key&gt;</code>. Keys act as you in this workspace.
          </CardDescription>
        </div>
        <Button size="sm" onClick={() => setCreating(true)} data-testid="create-api-key">
          <Plus aria-hidden /> New key
        </Button>
      </CardHeader>
      <CardContent>
        {error && (
          <Alert variant="destructive"><AlertDescription>{error}</AlertDescription></Alert>
        )}
        {!keys && !error && <Skeleton className="h-16" />}
        {keys?.length === 0 && (
          <EmptyState icon={<KeyRound />} title="No API keys" titleAs="h3" description="Create one to call PromptLab from scripts and apps." className="py-8" />
        )}
        {keys && keys.length > 0 && (
          <ul className="divide-y rounded-lg border" data-testid="api-key-list">
            {keys.map((key) => (
              <li key={key.id} className="flex items-center gap-4 px-4 py-3" data-testid="api-key-row">
                <div className="min-w-0 flex-1">
                  <div className="font-medium">{key.name}</div>
                  <div className="text-xs text-muted-foreground">
                    <code className="font-mono">{key.prefix}…</code> · created {formatRelative(key.createdAt)} ·{' '}
                    <span data-testid="api-key-last-used">{key.lastUsedAt ? `last used ${formatRelative(key.lastUsedAt)}` : 'never used'}</span>
                  </div>
                </div>
                <ConfirmButton
                  label="Revoke"
                  testId="revoke-api-key"
                  title={`Revoke “${key.name}”?`}
                  description="Anything using this key stops working immediately. This cannot be undone."
                  confirmLabel="Revoke key"
                  confirmTestId="confirm-revoke"
                  onConfirm={async () => {
                    await apiFetch(`/api/v1/api-keys/${key.id}`, { method: 'DELETE' });
                    toast({ title: `Revoked “${key.name}”`, variant: 'success' });
                    load();
                  }}
                />
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      <CreateKeyDialog open={creating} onOpenChange={setCreating} onCreated={load} />
    </Card>
  );
}
