import { handleWebhooksJob } from '@/lib/webhooks/webhook-job';

export const dynamic = 'force-dynamic';
// One POST with a 10 s timeout (lib/webhooks/deliver.ts) and its bookkeeping.
export const maxDuration = 30;

// POST /api/queue/webhooks – the signed callback that delivers one webhook event to its URL
export const POST = handleWebhooksJob;
