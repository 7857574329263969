import 'server-only';
import { cancelClaimedRun, unclaimRun } from '@/db/queries/experiment-runs';
import { getExperimentGate, pauseExperiment, type ExperimentGateRow } from '@/db/queries/experiments';
import type { Run } from '@/db/schema';
import { dispatch, runsJob } from '@/lib/queue';
import type { RunFailure } from '@/lib/runs/run-failure';
import { stopExperimentRuns } from './stop-experiment';

/*
 * The execute gate: every experiment run, once claimed and before it calls a provider, asks its experiment whether
 * it may (canceled, budget reached, paused by a 429). The experiment row is read once per 200 ms per instance at
 * most, so cancel still stops new calls well within a second; this instance's own writes drop the entry at once.
 */
const GATE_TTL_MS = 200;
const DEFAULT_RATE_LIMIT_PAUSE_MS = 5_000;
const MAX_RATE_LIMIT_PAUSE_MS = 60_000;
/** 429s a run may wait out without spending an attempt; past this one counts as an ordinary retry. */
export const MAX_RATE_LIMITED_REQUEUES = 50;

type GatedRun = Pick<Run, 'id' | 'attempts' | 'experimentId' | 'rateLimitedCount'>;
export type GateOutcome = { status: 'done'; runStatus: Run['status'] };

const globalForGate = globalThis as typeof globalThis & { promptlabExperimentGates?: Map<string, { row: ExperimentGateRow; at: number }> };
const gates = () => (globalForGate.promptlabExperimentGates ??= new Map());

export function forgetExperimentGate(experimentId: string) {
  gates().delete(experimentId);
}

async function readGate(experimentId: string): Promise<ExperimentGateRow | null> {
  const hit = gates().get(experimentId);
  if (hit && Date.now() - hit.at < GATE_TTL_MS) return hit.row;
  const row = await getExperimentGate({ id: experimentId });
  if (row) {
    if (gates().size > 1000) gates().clear();
    gates().set(experimentId, { row, at: Date.now() });
  }
  return row;
}

/**
 * Null when the run may call its provider. Otherwise the run is canceled (its experiment was canceled or spent its
 * budget, which then stops every queued run of it) or handed back unspent until the pause ends, re-dispatched then.
 */
export async function gateExperimentRun(run: GatedRun): Promise<GateOutcome | null> {
  const experimentId = run.experimentId!;
  const gate = await readGate(experimentId);
  if (!gate) return null;
  const overBudget = gate.budgetUsd !== null && gate.costUsd >= gate.budgetUsd;
  if (gate.status === 'canceled' || gate.stopReason || overBudget) {
    if (overBudget && !gate.stopReason) {
      forgetExperimentGate(experimentId);
      await stopExperimentRuns({ experimentId, reason: 'budget' });
    }
    const message = gate.status === 'canceled' || gate.stopReason === 'canceled' ? 'The experiment was canceled' : "The experiment's budget was reached";
    await cancelClaimedRun({ id: run.id, attempt: run.attempts, message });
    return { status: 'done', runStatus: 'canceled' };
  }
  if (gate.pausedUntil && gate.pausedUntil.getTime() > Date.now()) {
    await deferRun(run, gate.pausedUntil, gate.concurrency, { rateLimited: false });
    return { status: 'done', runStatus: 'queued' };
  }
  return null;
}

/**
 * A 429 on an experiment run: the whole experiment pauses for the provider's Retry-After (5 s without one, at most
 * 60 s) and this run waits it out without spending an attempt. Null when the run has waited out too many already.
 */
export async function deferRateLimitedRun(run: GatedRun, failure: RunFailure): Promise<GateOutcome | null> {
  if (!run.experimentId || failure.code !== 'RATE_LIMITED' || run.rateLimitedCount >= MAX_RATE_LIMITED_REQUEUES) return null;
  const pauseMs = Math.min(MAX_RATE_LIMIT_PAUSE_MS, Math.max(1_000, failure.retryAfterMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS));
  const until = await pauseExperiment({ id: run.experimentId, until: new Date(Date.now() + pauseMs) });
  forgetExperimentGate(run.experimentId);
  const gate = await readGate(run.experimentId);
  const deferred = await deferRun(run, until, gate?.concurrency ?? 10, { rateLimited: true, failure });
  return deferred ? { status: 'done', runStatus: 'queued' } : null;
}

async function deferRun(run: GatedRun, until: Date, concurrency: number, how: { rateLimited: boolean; failure?: RunFailure }): Promise<boolean> {
  const unclaimed = await unclaimRun({
    id: run.id,
    attempt: run.attempts,
    until,
    rateLimited: how.rateLimited,
    errorCode: how.failure?.code,
    errorMessage: how.failure?.message,
  });
  if (!unclaimed) return false;
  await redispatchAt(run.id, run.experimentId!, until, concurrency);
  return true;
}

/**
 * Before a claim: while the experiment is paused, the delivery only sends itself again for when the pause ends
 * (the run stays queued, untouched). Null when the run may be claimed now.
 */
export async function waitOutPause({ runId, experimentId }: { runId: string; experimentId: string }): Promise<GateOutcome | null> {
  const gate = await readGate(experimentId);
  if (!gate?.pausedUntil || gate.pausedUntil.getTime() <= Date.now() || gate.status === 'canceled' || gate.stopReason) return null;
  await redispatchAt(runId, experimentId, gate.pausedUntil, gate.concurrency);
  return { status: 'done', runStatus: 'queued' };
}

async function redispatchAt(runId: string, experimentId: string, until: Date, concurrency: number) {
  // A fresh message (not the transport's retry, which would spend a delivery): if it is lost, recovery finds the run.
  const delaySeconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  await dispatch(runsJob, { runId, experimentId }, { delaySeconds, deduplicationId: `${runId}:wait:${until.getTime()}`, lane: { key: experimentId, concurrency } }).catch((error: unknown) =>
    console.error('[experiments] could not re-dispatch a paused run; recovery will', runId, error),
  );
}
