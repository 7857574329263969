import { getDatabase } from '@/db/client';
import { getMigrationStatus } from '@/db/migration-status';
import { ApiError } from '@/lib/api/errors';
import { ok } from '@/lib/api/response';
import { withPublic } from '@/lib/api/with-public';

export const dynamic = 'force-dynamic';

// GET /api/health/ready – the database answers and its migrations are current
export const GET = withPublic(async () => {
  const { db, driver } = await getDatabase().catch((error: unknown) => {
    console.error('[health] database unreachable', error);
    throw new ApiError('UNAVAILABLE', 'Database is unreachable: check DATABASE_URL and that the server is up');
  });
  const migrations = await getMigrationStatus(db).catch(() => ({ expected: -1, applied: 0, current: false }));
  if (!migrations.current) throw new ApiError('UNAVAILABLE', 'Database migrations are not current: run `npm run db:migrate`');
  return ok({ status: 'ready', database: { driver, migrations } });
});
