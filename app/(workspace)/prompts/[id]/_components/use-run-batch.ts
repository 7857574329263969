'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RUNS_PATH } from '@/components/runs/use-runs';
import { apiFetch } from '@/lib/client/api';
import type { CreateRunBody, RunStatus } from '@/lib/client/types';
import type { Draft } from './draft';
import type { RunTarget } from './run-model-choice';

/** One model's run of a batch: created (with its id) or refused at creation. */
export type BatchItem = { target: RunTarget; runId: string; error: null } | { target: RunTarget; runId: null; error: unknown };

/**
 * Run sends one POST /runs per target, in parallel; each answers on its own, so one refused target (a model the
 * allowlist blocks) leaves the others running.
 */
export function useRunBatch() {
  const client = useQueryClient();
  return useMutation({
    // `sentDraft`: the editor's draft a draft run ran, so "Save as version" can tell whether it was edited since.
    mutationFn: async ({ requests }: { requests: { target: RunTarget; body: CreateRunBody }[]; sentDraft: Draft | null }): Promise<BatchItem[]> => {
      const settled = await Promise.allSettled(
        requests.map(({ body }) => apiFetch<{ id: string; status: RunStatus }>(RUNS_PATH, { method: 'POST', body })),
      );
      return settled.map((result, i) => {
        const target = requests[i]!.target;
        return result.status === 'fulfilled' ? { target, runId: result.value.id, error: null } : { target, runId: null, error: result.reason };
      });
    },
    onSettled: () => client.invalidateQueries({ queryKey: [RUNS_PATH] }),
  });
}
