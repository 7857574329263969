import 'server-only';
import { withQueueJob } from '@/lib/queue/handle-job';
import { registerJobHandler } from '@/lib/queue/job-registry';
import { runsJob } from '@/lib/queue/jobs';
import { executeRun } from './execute-run';

/** The signed callback that executes a run: POST /api/queue/runs, and the local dispatcher's in-process delivery. */
export const handleRunsJob = withQueueJob(runsJob, ({ runId, experimentId }) => executeRun(runId, { experimentId }));

// Whatever loads this module (the callback route, and create-run, which dispatches) lets the local dispatcher
// deliver runs here without a request to itself. Instrumentation does not import it: recovery's deliveries find
// the handler once a route has loaded it, or go over HTTP, so runs always execute in the routes' module graph,
// where the SSE stream, cancel and the run cache see the same in-process state.
registerJobHandler(runsJob.path, handleRunsJob);
