import { afterAll, inject } from 'vitest';
import { closeDb } from '@/db/client';

// The PostgreSQL project provides a migrated database; the default project uses in-memory PGlite.
const databaseUrl = inject('databaseUrl');
if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.DATABASE_DRIVER = 'postgres';
}
process.env.AUTH_SECRET ??= 'integration-test-secret-that-is-long-enough-0123456789';
process.env.PGLITE_DIR ||= 'memory://';

afterAll(async () => {
  await closeDb();
});
