'use client';

import { useState } from 'react';
import { CheckCircle2, XCircle } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { apiFetch } from '@/lib/client/api';

type Result = { ok: true; models: string[] } | { ok: false; message: string };

const SHOWN_MODELS = 12;

/** "Test connection": asks the server to list the provider's models and shows them, or the provider's error. */
export function ProviderTest({ provider }: { provider: string }) {
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setResult(null);
    try {
      const answer = await apiFetch<{ ok: true; models: string[] }>('/api/v1/providers/test', { method: 'POST', body: { provider } });
      setResult(answer);
    } catch (e) {
      setResult({ ok: false, message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-start gap-3">
      <Button variant="outline" size="sm" onClick={run} disabled={busy} data-testid="test-provider">
        {busy && <Spinner />} Test connection
      </Button>
      {result && (
        <p
          role="status"
          data-testid="provider-test-result"
          data-ok={result.ok}
          className={result.ok ? 'flex min-w-0 flex-1 gap-1.5 text-sm text-success' : 'flex min-w-0 flex-1 gap-1.5 text-sm text-destructive'}
        >
          {result.ok ? <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" /> : <XCircle aria-hidden className="mt-0.5 size-4 shrink-0" />}
          <span className="min-w-0 break-words">
            {result.ok ? describeModels(result.models) : result.message}
          </span>
        </p>
      )}
    </div>
  );
}

function describeModels(models: string[]): string {
  if (models.length === 0) return 'Connected; the endpoint lists no models.';
  const shown = models.slice(0, SHOWN_MODELS).join(', ');
  const more = models.length > SHOWN_MODELS ? ` and ${models.length - SHOWN_MODELS} more` : '';
  return `Connected: ${models.length} model${models.length === 1 ? '' : 's'} (${shown}${more})`;
}
