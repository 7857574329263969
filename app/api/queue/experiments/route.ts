import { handleExperimentsJob } from '@/lib/experiments/experiment-job';

export const dynamic = 'force-dynamic';
// As app/api/queue/runs: CALLBACK_MAX_DURATION_SECONDS; a launch of 50,000 cells stays well within it.
export const maxDuration = 300;

// POST /api/queue/experiments – the signed callback that launches an experiment's cells
export const POST = handleExperimentsJob;
