'use client';

import { useCallback, useEffect, useState } from 'react';
import { apiFetch } from '@/lib/client/api';
import type { Run, RunStatus, RunStreamEvent } from '@/lib/client/types';
import { isInFlight, runApiPath } from './run-format';

const POLL_MS = 1500;

type State = {
  runId: string | null;
  run: Run | null;
  /** Text received from the stream; the stored output replaces it once the run is finished. */
  streamed: string;
  /** The newest status seen, from the stream or the API. */
  status: RunStatus | null;
  error: Error | null;
};

const initial = (runId: string | null): State => ({ runId, run: null, streamed: '', status: null, error: null });

function parseEvent(data: string): RunStreamEvent | null {
  try {
    return JSON.parse(data) as RunStreamEvent;
  } catch {
    return null;
  }
}

/**
 * Loads a run and, while it is queued or running, follows its event stream token by token.
 * Falls back to polling when the stream can't be opened; EventSource resumes with Last-Event-ID on its own.
 */
export function useRun(runId: string | null) {
  const [raw, setRaw] = useState<State>(() => initial(runId));
  // A different run starts from a clean slate, without an effect that resets state.
  const state = raw.runId === runId ? raw : initial(runId);

  useEffect(() => {
    if (!runId) return;
    const controller = new AbortController();
    const { signal } = controller;
    let source: EventSource | null = null;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let frame = 0;
    let pending = '';

    const patch = (fn: (s: State) => State) => setRaw((prev) => fn(prev.runId === runId ? prev : initial(runId)));

    // Deltas arrive faster than the screen refreshes: append them once per frame.
    const flush = () => {
      frame = 0;
      if (!pending) return;
      const text = pending;
      pending = '';
      patch((s) => ({ ...s, streamed: s.streamed + text }));
    };

    const applyRun = (run: Run) =>
      patch((s) => ({
        ...s,
        run,
        // The stream may be ahead of the row (a run's status changes before its row is written).
        status: s.status && isInFlight(run.status) && !isInFlight(s.status) ? s.status : run.status,
        error: null,
      }));

    const load = async (): Promise<Run | null> => {
      try {
        const run = await apiFetch<Run>(runApiPath(runId), { signal });
        if (!signal.aborted) applyRun(run);
        return run;
      } catch (error) {
        if (!signal.aborted) patch((s) => ({ ...s, error: error as Error }));
        return null;
      }
    };

    const poll = async () => {
      const run = await load();
      if (!signal.aborted && run && isInFlight(run.status)) pollTimer = setTimeout(() => void poll(), POLL_MS);
    };

    const settle = async () => {
      const run = await load();
      // `done` can beat the row's final write by a moment; look again shortly.
      if (!signal.aborted && run && isInFlight(run.status)) pollTimer = setTimeout(() => void poll(), 500);
    };

    const openStream = () => {
      source = new EventSource(`${runApiPath(runId)}/stream`);
      source.addEventListener('delta', (e) => {
        const event = parseEvent((e as MessageEvent<string>).data);
        if (event?.type !== 'delta') return;
        pending += event.text;
        frame ||= requestAnimationFrame(flush);
      });
      source.addEventListener('status', (e) => {
        const event = parseEvent((e as MessageEvent<string>).data);
        if (event?.type === 'status') patch((s) => ({ ...s, status: event.status }));
      });
      source.addEventListener('snapshot', (e) => {
        const event = parseEvent((e as MessageEvent<string>).data);
        if (event?.type !== 'snapshot') return;
        pending = '';
        patch((s) => ({ ...s, streamed: event.output, status: event.status }));
      });
      source.addEventListener('done', (e) => {
        const event = parseEvent((e as MessageEvent<string>).data);
        source?.close();
        flush();
        if (event?.type === 'done') patch((s) => ({ ...s, status: event.status }));
        void settle();
      });
      source.onerror = () => {
        // CONNECTING: the browser is already reconnecting. CLOSED: it gave up (an error answer); poll instead.
        if (source?.readyState === EventSource.CLOSED && !signal.aborted) void poll();
      };
    };

    void load().then((run) => {
      if (run && !signal.aborted && isInFlight(run.status)) openStream();
    });

    return () => {
      controller.abort();
      source?.close();
      clearTimeout(pollTimer);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [runId]);

  const cancel = useCallback(async () => {
    if (!runId) return;
    const run = await apiFetch<Run>(`${runApiPath(runId)}/cancel`, { method: 'POST' });
    setRaw((prev) => (prev.runId === runId ? { ...prev, run, status: run.status } : prev));
  }, [runId]);

  const run = state.run;
  const status = state.status ?? run?.status ?? null;
  const finished = status !== null && !isInFlight(status);
  // The stored output is the whole answer; until it lands, show what has streamed in.
  const output = finished && run && !isInFlight(run.status) && run.output !== null ? run.output : state.streamed || (run?.output ?? '');
  const settled = finished && run !== null && !isInFlight(run.status);

  return { run, status, output, streaming: status !== null && !finished, settled, error: state.error, cancel };
}
