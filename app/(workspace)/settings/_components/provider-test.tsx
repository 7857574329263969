'use client';

import { CheckCircle2, XCircle } from 'lucide-react';
import { useTestProvider } from '@/components/providers/use-providers';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/client/api';
import { plainMessage } from '@/lib/client/field-errors';

const SHOWN_MODELS = 12;

/** "Test connection": asks the server to list the provider's models and shows them, or the provider's error. */
export function ProviderTest({ provider }: { provider: string }) {
  const test = useTestProvider();
  const ok = test.isSuccess;
  return (
    <div className="flex flex-wrap items-start gap-3">
      <Button variant="outline" size="sm" onClick={() => test.mutate(provider)} disabled={test.isPending} data-testid="test-provider">
        {test.isPending && <Spinner />} Test connection
      </Button>
      {test.isSuccess || test.isError ? (
        <p
          role="status"
          data-testid="provider-test-result"
          data-ok={ok}
          className={ok ? 'flex min-w-0 flex-1 gap-1.5 text-sm text-success' : 'flex min-w-0 flex-1 gap-1.5 text-sm text-destructive'}
        >
          {ok ? <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" /> : <XCircle aria-hidden className="mt-0.5 size-4 shrink-0" />}
          <span className="min-w-0 break-words">{test.isSuccess ? describeModels(test.data.models) : plainMessage(errorMessage(test.error))}</span>
        </p>
      ) : null}
    </div>
  );
}

function describeModels(models: string[]): string {
  if (models.length === 0) return 'Connected; the endpoint lists no models.';
  const shown = models.slice(0, SHOWN_MODELS).join(', ');
  const more = models.length > SHOWN_MODELS ? ` and ${models.length - SHOWN_MODELS} more` : '';
  return `Connected: ${models.length} model${models.length === 1 ? '' : 's'} (${shown}${more})`;
}
