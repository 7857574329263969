'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from '@/components/ui/toaster';
import { apiFetch, errorMessage } from '@/lib/client/api';
import type { Run, RunWithoutTitle } from '@/lib/client/types';
import { isInFlight, runApiPath } from './run-format';
import { runProgress, type RunStreamState } from './run-progress';
import { runStreamKey, useRunStream } from './use-run-stream';
import { RUNS_PATH } from './use-runs';

const POLL_MS = 1500;
// `done` can beat the row's final write by a moment: look again soon.
const SETTLE_POLL_MS = 500;

export const runKey = (runId: string) => [runApiPath(runId)] as const;

/**
 * A run and, while it is queued or running, its output token by token from the event stream.
 * Polls instead when the stream can't be opened, and briefly after it ends until the row is final.
 */
export function useRun(runId: string | null) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: runKey(runId ?? ''),
    queryFn: ({ signal }) => apiFetch<Run>(runApiPath(runId ?? ''), { signal }),
    enabled: runId !== null,
    refetchInterval: (q) => {
      if (!runId || !q.state.data || !isInFlight(q.state.data.status)) return false;
      const stream = client.getQueryData<RunStreamState>(runStreamKey(runId));
      if (stream?.open) return false; // the stream carries the progress
      return stream?.done ? SETTLE_POLL_MS : POLL_MS;
    },
  });
  const run = query.data;
  const stream = useRunStream(runId, run !== undefined && isInFlight(run.status));
  return { run, error: query.error, refetch: query.refetch, ...runProgress(run, stream) };
}

/** Cancels a queued or running run; it shows as canceled at once, and reverts if the server refuses. */
export function useCancelRun(runId: string) {
  const client = useQueryClient();
  const key = runKey(runId);
  return useMutation({
    mutationFn: () => apiFetch<RunWithoutTitle>(`${runApiPath(runId)}/cancel`, { method: 'POST' }),
    onMutate: async () => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Run>(key);
      if (previous) client.setQueryData<Run>(key, { ...previous, status: 'canceled' });
      return { previous };
    },
    onError: (error, _vars, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      toast({ title: 'Could not cancel the run', description: errorMessage(error), variant: 'error' });
    },
    onSuccess: (run) => client.setQueryData<Run>(key, (prev) => prev && { ...prev, ...run }),
    onSettled: () => client.invalidateQueries({ queryKey: [RUNS_PATH] }),
  });
}
