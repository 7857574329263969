import { ok } from '@/lib/api/response';
import { withPublic } from '@/lib/api/with-public';

// GET /api/health – liveness: the process answers. Needs no database and no sign-in.
export const dynamic = 'force-dynamic';

export const GET = withPublic(async () => ok({ status: 'ok' }));
