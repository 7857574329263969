'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { RotateCwIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { apiFetch } from '@/lib/client/api';
import type { CreateRunBody, Run, RunParams, RunStatus, Version } from '@/lib/client/types';
import { runPath } from './run-format';

const PARAM_KEYS = ['temperature', 'maxTokens', 'topP', 'stop'] as const;

/**
 * A run stores JSON variables as parsed values, but the API reads a string for a JSON variable as JSON
 * source; re-encode those so a JSON string value survives the round trip.
 */
async function replayableVariables(run: Run): Promise<Record<string, unknown>> {
  try {
    const version = await apiFetch<Version>(`/api/v1/prompts/${encodeURIComponent(run.promptId)}/versions/${run.versionNumber}`);
    const json = new Set(version.variables.filter((d) => d.type === 'json').map((d) => d.name));
    return Object.fromEntries(Object.entries(run.variables).map(([name, value]) => [name, json.has(name) ? JSON.stringify(value) : value]));
  } catch {
    return run.variables; // best effort: only JSON string values would be misread
  }
}

/** Runs the same version, variables, model and params again, bypassing the cache, and opens the new run. */
export function RerunButton({ run, onError }: { run: Run; onError?: (message: string) => void }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function rerun() {
    setBusy(true);
    try {
      const params: RunParams = {};
      for (const key of PARAM_KEYS) if (run.params[key] !== undefined) Object.assign(params, { [key]: run.params[key] });
      const body: CreateRunBody = {
        promptId: run.promptId,
        versionNumber: run.versionNumber,
        variables: await replayableVariables(run),
        provider: run.provider,
        model: run.model,
        params,
        cache: false,
        idempotencyKey: crypto.randomUUID(),
      };
      const created = await apiFetch<{ id: string; status: RunStatus }>('/api/v1/runs', { method: 'POST', body });
      router.push(runPath(created.id));
    } catch (error) {
      const message = (error as Error).message;
      if (onError) onError(message);
      else toast({ title: 'Could not re-run', description: message, variant: 'error' });
      setBusy(false);
    }
  }

  return (
    <Button variant="outline" onClick={() => void rerun()} disabled={busy} data-testid="rerun-button">
      {busy ? <Spinner label="Starting run" /> : <RotateCwIcon aria-hidden="true" />}
      Re-run
    </Button>
  );
}
