import { withCron } from '@/lib/api/with-cron';
import { recoverRuns } from '@/lib/runs/recover-runs';

export const dynamic = 'force-dynamic';

// GET /api/cron/recover-runs – the daily Vercel Cron safety net; QStash calls /api/queue/recover-runs every minute
export const GET = withCron(() => recoverRuns());
