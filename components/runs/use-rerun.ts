'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { versionQuery } from '@/components/prompts/use-versions';
import { apiFetch } from '@/lib/client/api';
import type { CreateRunBody, Run, RunStatus } from '@/lib/client/types';
import { runParams, runPath } from './run-format';
import { RUNS_PATH } from './use-runs';

/**
 * Runs the same version (or a draft run's template), variables, model and params again, bypassing the cache, then opens the new run.
 * A run stores JSON variables as parsed values, but the API reads a string for a JSON variable as JSON source:
 * those are re-encoded (from the version's variable types) so a JSON string value survives the round trip.
 */
export function useRerun() {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: async (run: Run) => {
      // An unsaved draft run sends its recorded template again; any other run, its version.
      const draft = run.versionNumber === null ? run.template : null;
      const declared =
        run.versionNumber === null
          ? run.template?.variables
          : (await client.fetchQuery(versionQuery(run.promptId, run.versionNumber)).catch(() => null))?.variables;
      const json = new Set(declared?.filter((d) => d.type === 'json').map((d) => d.name));
      const variables = Object.fromEntries(Object.entries(run.variables).map(([name, value]) => [name, json.has(name) ? JSON.stringify(value) : value]));
      const params = Object.fromEntries(Object.entries(runParams(run)).filter(([, value]) => value !== undefined));
      const body: CreateRunBody = {
        promptId: run.promptId,
        ...(draft ? { draft } : { versionNumber: run.versionNumber ?? undefined }),
        variables,
        provider: run.provider,
        model: run.model,
        params,
        cache: false,
        idempotencyKey: crypto.randomUUID(),
      };
      return apiFetch<{ id: string; status: RunStatus }>(RUNS_PATH, { method: 'POST', body });
    },
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: [RUNS_PATH] });
      router.push(runPath(created.id));
    },
  });
}
