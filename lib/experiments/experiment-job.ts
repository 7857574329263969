import 'server-only';
import { withQueueJob } from '@/lib/queue/handle-job';
import { registerJobHandler } from '@/lib/queue/job-registry';
import { experimentsJob } from '@/lib/queue/jobs';
import { launchExperiment } from './launch-experiment';

/** The signed callback that drives an experiment: POST /api/queue/experiments, and the local dispatcher's in-process delivery. */
export const handleExperimentsJob = withQueueJob(experimentsJob, ({ experimentId }) => launchExperiment({ experimentId }));

// As lib/runs/run-job.ts: whatever loads this (the route, and the services that dispatch) delivers launches in-process.
registerJobHandler(experimentsJob.path, handleExperimentsJob);
