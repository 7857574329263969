import 'server-only';
import { createHash } from 'node:crypto';
import { env } from '../env';
import { qstashClient } from './dispatch';
import { recoverRunsJob } from './jobs';

/** Every minute: Vercel Hobby allows only daily crons, so the per-minute recovery is a QStash schedule instead. */
export const RECOVERY_CRON = '* * * * *';

/**
 * Creates the QStash schedule that calls /api/queue/recover-runs every minute, or updates it: the schedule id is
 * derived from the destination, so calling this on every start-up keeps one schedule per deployment URL (a
 * staging and a production app on one QStash account do not overwrite each other). Null without QStash.
 */
export async function ensureRecoverySchedule(): Promise<{ scheduleId: string } | null> {
  const { qstash, callbackBaseUrl } = env();
  if (!qstash) return null;
  const destination = `${callbackBaseUrl}${recoverRunsJob.path}`;
  const scheduleId = `promptlab-recover-runs-${createHash('sha256').update(destination).digest('hex').slice(0, 16)}`;
  return qstashClient(qstash).schedules.create({
    scheduleId,
    destination,
    cron: RECOVERY_CRON,
    body: '{}',
    headers: { 'Content-Type': 'application/json' },
    // The next minute's call is the retry.
    retries: 0,
  });
}

const globalForSchedule = globalThis as typeof globalThis & { promptlabRecoverySchedule?: Promise<void> };

/** Starts ensureRecoverySchedule once per process without waiting for it; a failure is logged, never thrown. */
export function startRecoverySchedule(logger: Pick<Console, 'log' | 'error'> = console): Promise<void> {
  globalForSchedule.promptlabRecoverySchedule ??= ensureRecoverySchedule().then(
    (created) => {
      if (created) logger.log(`[runs] QStash calls ${recoverRunsJob.path} every minute (schedule ${created.scheduleId})`);
    },
    (error: unknown) => {
      // Let a later start try again; meanwhile the daily Vercel Cron still recovers stale runs.
      globalForSchedule.promptlabRecoverySchedule = undefined;
      logger.error(`[runs] could not create the QStash recovery schedule: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
  return globalForSchedule.promptlabRecoverySchedule;
}
