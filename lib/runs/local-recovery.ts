import 'server-only';
import { releaseAllLeases } from '@/db/queries/run-execution';
import { recoverRuns } from './recover-runs';

const globalForRecovery = globalThis as unknown as { promptlabRecovery?: NodeJS.Timeout };

/**
 * Without QStash and Vercel Cron, the server itself re-dispatches stale runs on an interval, starting
 * right after boot so a crash mid-batch is repaired on restart.
 */
export async function startLocalRecovery({ intervalMs = 15_000, releaseLeases }: { intervalMs?: number; releaseLeases: boolean }) {
  if (globalForRecovery.promptlabRecovery) return;
  if (releaseLeases) {
    const released = await releaseAllLeases();
    if (released > 0) console.log(`[runs] ${released} run(s) were interrupted by a restart; resuming them`);
  }
  const tick = () => void recoverRuns({ queuedForMs: 5_000 }).catch((error: unknown) => console.error('[runs] recovery failed', error));
  // The first pass waits a moment so the server is listening for its own callbacks.
  setTimeout(tick, 2_000).unref();
  globalForRecovery.promptlabRecovery = setInterval(tick, intervalMs);
  globalForRecovery.promptlabRecovery.unref();
}
