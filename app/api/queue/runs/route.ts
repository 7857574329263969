import { handleRunsJob } from '@/lib/runs/run-job';

export const dynamic = 'force-dynamic';
// Equal to CALLBACK_MAX_DURATION_SECONDS (lib/queue/limits.ts), which bounds LLM_TIMEOUT_MS; Next.js needs a literal here.
export const maxDuration = 300;

// POST /api/queue/runs – the signed callback (QStash or the local dispatcher) that executes a run
export const POST = handleRunsJob;
