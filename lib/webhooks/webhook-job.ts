import 'server-only';
import { withQueueJob } from '@/lib/queue/handle-job';
import { registerJobHandler } from '@/lib/queue/job-registry';
import { webhooksJob } from '@/lib/queue/jobs';
import { deliverWebhook } from './deliver';

/** The signed callback that delivers one webhook event: POST /api/queue/webhooks, and the local dispatcher's in-process delivery. */
export const handleWebhooksJob = withQueueJob(webhooksJob, ({ deliveryId }) => deliverWebhook({ deliveryId }));

// As lib/runs/run-job.ts: whatever loads this (the route, and emit-event, which dispatches) delivers in-process.
registerJobHandler(webhooksJob.path, handleWebhooksJob);
