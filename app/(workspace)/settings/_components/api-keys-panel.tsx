'use client';

import { useState } from 'react';
import { KeyRound, Plus } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import { formatRelative } from '@/lib/client/format';
import type { ApiKey } from '@/lib/client/types';
import { CreateKeyDialog } from './create-key-dialog';
import { useApiKeys, useRevokeApiKey } from './use-api-keys';

/** `userId`: the signed-in user, whose own keys read as "you". */
export function ApiKeysPanel({ userId }: { userId: string }) {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);

  function revokeKey(key: ApiKey) {
    revoke.mutate(key.id, {
      onSuccess: () => toast({ title: `Revoked “${key.name}”`, variant: 'success' }),
      onError: (error) => toast({ title: `Could not revoke “${key.name}”`, description: errorMessage(error), variant: 'error' }),
    });
  }

  return (
    <Card>
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div className="space-y-1.5">
          <CardTitle>API keys</CardTitle>
          <CardDescription>
            Call the JSON API from scripts and apps with <code className="rounded bg-muted px-1 font-mono text-xs">Authorization: Bearer &lt;key&gt;</code>. Keys act as you in this workspace.
          </CardDescription>
        </div>
        <Button size="sm" onClick={() => setCreating(true)} data-testid="create-api-key">
          <Plus aria-hidden /> New key
        </Button>
      </CardHeader>
      <CardContent>
        {keys.isError && (
          <Alert variant="destructive"><AlertDescription>{errorMessage(keys.error)}</AlertDescription></Alert>
        )}
        {keys.isPending && <Skeleton className="h-16" />}
        {keys.data?.length === 0 && (
          <EmptyState icon={<KeyRound />} title="No API keys" titleAs="h3" description="Create one to call the PromptLab API from scripts and apps." className="py-8" />
        )}
        {keys.data && keys.data.length > 0 && (
          <ul className="divide-y rounded-lg border" data-testid="api-key-list">
            {keys.data.map((key) => (
              <ApiKeyRow key={key.id} apiKey={key} own={key.owner.id === userId} onRevoke={() => revokeKey(key)} />
            ))}
          </ul>
        )}
      </CardContent>
      <CreateKeyDialog open={creating} onOpenChange={setCreating} />
    </Card>
  );
}

function ApiKeyRow({ apiKey, own, onRevoke }: { apiKey: ApiKey; own: boolean; onRevoke: () => void }) {
  return (
    <li className="flex items-center gap-4 px-4 py-3" data-testid="api-key-row">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2">
          <span className="font-medium">{apiKey.name}</span>
          <span className="truncate text-xs text-muted-foreground" data-testid="api-key-owner">
            {own ? 'yours' : `${apiKey.owner.name || apiKey.owner.email || 'another member'}’s`}
          </span>
        </div>
        <div className="text-xs text-muted-foreground">
          <code className="font-mono">{apiKey.prefix}…</code> · created {formatRelative(apiKey.createdAt)} ·{' '}
          <span data-testid="api-key-last-used">{apiKey.lastUsedAt ? `last used ${formatRelative(apiKey.lastUsedAt)}` : 'never used'}</span>
        </div>
      </div>
      {apiKey.canRevoke ? (
        <ConfirmButton
          label="Revoke"
          testId="revoke-api-key"
          title={`Revoke “${apiKey.name}”?`}
          description="Anything using this key stops working immediately. This cannot be undone."
          confirmLabel="Revoke key"
          confirmTestId="confirm-revoke"
          onConfirm={onRevoke}
        />
      ) : null}
    </li>
  );
}
