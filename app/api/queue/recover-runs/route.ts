import { recoverRunsJob } from '@/lib/queue/jobs';
import { withQueueJob } from '@/lib/queue/handle-job';
import { recoverRuns } from '@/lib/runs/recover-runs';

export const dynamic = 'force-dynamic';

// POST /api/queue/recover-runs – the per-minute QStash schedule that re-dispatches stale runs
export const POST = withQueueJob(recoverRunsJob, async () => ({ status: 'done', ...(await recoverRuns()) }));
