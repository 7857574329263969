'use client';

import { useEffect } from 'react';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExperimentDetail, ProgressEvent } from '@/lib/client/experiment-types';
import { EXPERIMENTS_PATH, experimentApiPath } from './experiment-paths';

export type ExperimentStreamState = { open: boolean; done: boolean; etaSeconds: number | null; at: number };

export const experimentStreamKey = (id: string) => [`${experimentApiPath(id)}/stream`] as const;

const RETRY_MS = [1000, 2000, 5000, 10_000];

function parse(data: string): ProgressEvent | null {
  try {
    return JSON.parse(data) as ProgressEvent;
  } catch {
    return null;
  }
}

/**
 * Follows GET /experiments/{id}/stream while the experiment is `live`, writing each progress event into the
 * experiment's cached detail. EventSource reconnects by itself after a dropped connection; when the server refused
 * (CLOSED) this opens a new one after a growing pause, and useExperiment polls meanwhile.
 */
export function useExperimentStream(id: string, live: boolean): ExperimentStreamState | undefined {
  const client = useQueryClient();
  const { data } = useQuery<ExperimentStreamState>({ queryKey: experimentStreamKey(id), queryFn: skipToken, staleTime: Infinity });
  const follow = live && !data?.done;

  useEffect(() => {
    if (!follow) return;
    const key = experimentStreamKey(id);
    const detailKey = [experimentApiPath(id)];
    const patch = (next: Partial<ExperimentStreamState>) =>
      client.setQueryData<ExperimentStreamState>(key, (prev) => ({ open: false, done: false, etaSeconds: null, at: 0, ...prev, ...next }));
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const apply = (event: ProgressEvent) => {
      client.setQueryData<ExperimentDetail>(detailKey, (prev) =>
        prev && {
          ...prev,
          status: event.status,
          progress: event.progress,
          costUsd: event.costUsd,
          reusedCells: event.reusedCells,
          stopReason: event.stopReason,
          startedAt: event.startedAt,
          finishedAt: event.finishedAt,
        },
      );
      patch({ etaSeconds: event.etaSeconds, at: Date.now() });
    };

    const connect = () => {
      if (stopped) return;
      source = new EventSource(`${experimentApiPath(id)}/stream`);
      source.onopen = () => {
        failures = 0;
        patch({ open: true });
      };
      source.addEventListener('progress', (e) => {
        const event = parse((e as MessageEvent<string>).data);
        if (event) apply(event);
      });
      source.addEventListener('done', (e) => {
        const event = parse((e as MessageEvent<string>).data);
        source?.close();
        if (event) apply(event);
        patch({ open: false, done: true, etaSeconds: 0 });
        // The final summary, cells and verdict.
        void client.invalidateQueries({ queryKey: detailKey });
        void client.invalidateQueries({ queryKey: [`${experimentApiPath(id)}/cells`] });
        void client.invalidateQueries({ queryKey: [`${experimentApiPath(id)}/compare`] });
        void client.invalidateQueries({ queryKey: [EXPERIMENTS_PATH] });
      });
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED) return; // the browser is reconnecting on its own
        patch({ open: false });
        const wait = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)] ?? 10_000;
        failures++;
        timer = setTimeout(connect, wait);
      };
    };
    connect();
    return () => {
      stopped = true;
      source?.close();
      if (timer) clearTimeout(timer);
      patch({ open: false });
    };
  }, [client, id, follow]);

  return data;
}
