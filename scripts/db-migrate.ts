// npm run db:migrate – applies pending migrations to the database DATABASE_URL names (or the embedded one).
import './load-env';
import { configFromEnv, openDatabase } from '@/db/client';
import { getMigrationStatus } from '@/db/migration-status';

const config = configFromEnv();
try {
  const handle = await openDatabase({ ...config, migrate: true });
  const status = await getMigrationStatus(handle.db);
  await handle.close();
  console.log(`Migrations applied (${config.driver}): ${status.applied} of ${status.expected}.`);
} catch (error) {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
