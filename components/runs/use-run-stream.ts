'use client';

import { useEffect } from 'react';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RunStreamEvent } from '@/lib/client/types';
import { runApiPath } from './run-format';
import { INITIAL_STREAM, type RunStreamState } from './run-progress';
import { RUNS_PATH } from './use-runs';

export const runStreamKey = (runId: string) => [`${runApiPath(runId)}/stream`] as const;

function parseEvent(data: string): RunStreamEvent | null {
  try {
    return JSON.parse(data) as RunStreamEvent;
  } catch {
    return null;
  }
}

/**
 * Follows the event stream of a run that is `inFlight` (until it ends or the browser gives up), writing what it says into the query cache under the
 * stream's path. When it ends, the run and the runs lists are refetched for the final row (usage, cost, timings).
 * EventSource resumes with Last-Event-ID on its own.
 */
export function useRunStream(runId: string | null, inFlight: boolean): RunStreamState | undefined {
  const client = useQueryClient();
  // Nothing to fetch: the cache entry is only ever written by the effect below.
  const { data } = useQuery<RunStreamState>({ queryKey: runStreamKey(runId ?? ''), queryFn: skipToken, staleTime: Infinity });
  const follow = inFlight && !data?.done && !data?.failed;

  useEffect(() => {
    if (!runId || !follow) return;
    const streamKey = runStreamKey(runId);
    const patch = (fn: (s: RunStreamState) => RunStreamState) =>
      client.setQueryData<RunStreamState>(streamKey, (prev) => fn(prev ?? INITIAL_STREAM));
    // A new connection replays the run's events from the start, so it starts from empty text.
    patch(() => ({ ...INITIAL_STREAM, open: true }));
    const source = new EventSource(`${runApiPath(runId)}/stream`);
    let frame = 0;
    let pending = '';

    // Deltas arrive faster than the screen refreshes: append them once per frame.
    const flush = () => {
      frame = 0;
      if (!pending) return;
      const text = pending;
      pending = '';
      patch((s) => ({ ...s, text: s.text + text }));
    };
    const on = (type: RunStreamEvent['type'], handle: (event: RunStreamEvent) => void) =>
      source.addEventListener(type, (e) => {
        const event = parseEvent((e as MessageEvent<string>).data);
        if (event?.type === type) handle(event);
      });

    on('delta', (event) => {
      if (event.type !== 'delta') return;
      pending += event.text;
      frame ||= requestAnimationFrame(flush);
    });
    on('status', (event) => event.type === 'status' && patch((s) => ({ ...s, status: event.status })));
    on('snapshot', (event) => {
      if (event.type !== 'snapshot') return;
      pending = '';
      patch((s) => ({ ...s, text: event.output, status: event.status }));
    });
    on('done', (event) => {
      source.close();
      flush();
      if (event.type === 'done') patch((s) => ({ ...s, status: event.status, open: false, done: true }));
      void client.invalidateQueries({ queryKey: [runApiPath(runId)] });
      void client.invalidateQueries({ queryKey: [RUNS_PATH] });
    });
    source.onerror = () => {
      // CONNECTING: the browser is already reconnecting. CLOSED: it gave up (an error answer); poll instead.
      if (source.readyState === EventSource.CLOSED) patch((s) => ({ ...s, open: false, failed: true }));
    };
    return () => {
      source.close();
      if (frame) cancelAnimationFrame(frame);
      patch((s) => ({ ...s, open: false }));
    };
  }, [client, runId, follow]);

  return data;
}
