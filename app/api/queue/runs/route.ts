import { runsJob } from '@/lib/queue/jobs';
import { withQueueJob } from '@/lib/queue/handle-job';
import { executeRun } from '@/lib/runs/execute-run';

export const dynamic = 'force-dynamic';
// Equal to CALLBACK_MAX_DURATION_SECONDS (lib/queue/limits.ts), which bounds LLM_TIMEOUT_MS; Next.js needs a literal here.
export const maxDuration = 300;

// POST /api/queue/runs – the signed callback (QStash or the local dispatcher) that executes a run
export const POST = withQueueJob(runsJob, ({ runId }) => executeRun(runId));
