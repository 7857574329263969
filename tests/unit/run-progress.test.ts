import { describe, expect, it } from 'vitest';
import { INITIAL_STREAM, runProgress, runStatus, type RunStreamState } from '@/components/runs/run-progress';
import type { Run } from '@/lib/client/types';

const run = (over: Partial<Run> = {}): Run =>
  ({ id: 'r1', status: 'queued', output: null, ...over }) as Run;
const stream = (over: Partial<RunStreamState> = {}): RunStreamState => ({ ...INITIAL_STREAM, ...over });

describe('runStatus', () => {
  it('shows the stream ahead of the row', () => {
    expect(runStatus(run({ status: 'queued' }), stream({ status: 'running' }))).toBe('running');
    expect(runStatus(run({ status: 'running' }), stream({ status: 'succeeded' }))).toBe('succeeded');
  });

  it('never lets the stream drag a row back', () => {
    // A cancel updates the row first (optimistically); the stream still says running.
    expect(runStatus(run({ status: 'canceled' }), stream({ status: 'running' }))).toBe('canceled');
  });

  it('prefers the row among two final statuses', () => {
    expect(runStatus(run({ status: 'canceled' }), stream({ status: 'succeeded' }))).toBe('canceled');
  });

  it('is the stream alone before the row loads, and null with neither', () => {
    expect(runStatus(undefined, stream({ status: 'running' }))).toBe('running');
    expect(runStatus(undefined, undefined)).toBeNull();
  });
});

describe('runProgress', () => {
  it('shows the streamed text while the run is in flight', () => {
    expect(runProgress(run({ status: 'running' }), stream({ text: 'Hel', status: 'running' }))).toEqual({
      status: 'running',
      output: 'Hel',
      streaming: true,
      settled: false,
    });
  });

  it('is not settled until the row itself is final (the stream can end first)', () => {
    const progress = runProgress(run({ status: 'running' }), stream({ text: 'Hello', status: 'succeeded', done: true }));
    expect(progress).toEqual({ status: 'succeeded', output: 'Hello', streaming: false, settled: false });
  });

  it('shows the stored output once the row is final', () => {
    expect(runProgress(run({ status: 'succeeded', output: 'Hello, world' }), stream({ text: 'Hello', status: 'succeeded' }))).toEqual({
      status: 'succeeded',
      output: 'Hello, world',
      streaming: false,
      settled: true,
    });
  });

  it('shows a finished run loaded without a stream', () => {
    expect(runProgress(run({ status: 'failed', output: null }), undefined)).toEqual({ status: 'failed', output: '', streaming: false, settled: true });
  });
});
