import type { Run, RunStatus } from '@/lib/client/types';
import { isInFlight } from './run-format';

/** What the event stream of a run has said so far. */
export type RunStreamState = {
  /** Text received; the stored output replaces it once the run is finished. */
  text: string;
  status: RunStatus | null;
  /** The stream is connected (or reconnecting). */
  open: boolean;
  /** It sent `done`. */
  done: boolean;
  /** The browser gave up on it: the run is polled instead. */
  failed: boolean;
};

export const INITIAL_STREAM: RunStreamState = { text: '', status: null, open: false, done: false, failed: false };

const stage = (status: RunStatus) => (status === 'queued' ? 0 : status === 'running' ? 1 : 2);

/**
 * The status to show: the further along of the stored row and the stream, since either can be ahead of the other
 * (the stream announces a status before the row is written; a cancel updates the row first). Among two final
 * statuses, the row's.
 */
export function runStatus(run: Run | undefined, stream: RunStreamState | undefined): RunStatus | null {
  const fromStream = stream?.status ?? null;
  if (!run) return fromStream;
  if (fromStream && stage(fromStream) > stage(run.status)) return fromStream;
  return run.status;
}

export type RunProgress = {
  status: RunStatus | null;
  /** The stored output once the run is finished, until then what has streamed in. */
  output: string;
  streaming: boolean;
  /** Finished, and the row with its usage, cost and timings is loaded. */
  settled: boolean;
};

export function runProgress(run: Run | undefined, stream: RunStreamState | undefined): RunProgress {
  const status = runStatus(run, stream);
  const finished = status !== null && !isInFlight(status);
  const settled = finished && run !== undefined && !isInFlight(run.status);
  const output = settled && run.output !== null ? run.output : stream?.text || (run?.output ?? '');
  return { status, output, streaming: status !== null && !finished, settled };
}
