// A fresh PostgreSQL database for the node-postgres column: dropped and created at the start of every run.
import { execFileSync } from 'node:child_process';
import pg from 'pg';

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
const BENCH_DATABASE = 'promptlab_bench';

/**
 * Recreates `promptlab_bench` on the server at `adminUrl` and applies the migrations.
 * Returns the database URL, or null with the reason when the server does not answer.
 */
export async function recreateBenchDatabase(adminUrl: string): Promise<{ url: string } | { skipped: string }> {
  const admin = new pg.Client({ connectionString: withDatabase(adminUrl, 'postgres'), connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    return { skipped: `no PostgreSQL at ${adminUrl}: ${(error as Error).message || (error as NodeJS.ErrnoException).code}` };
  }
  try {
    // FORCE: a previous bench killed mid-way can leave connections open.
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, BENCH_DATABASE);
  // The server does not migrate PostgreSQL on start; the documented `npm run db:migrate` does.
  execFileSync('node_modules/.bin/tsx', ['--conditions=react-server', 'scripts/db-migrate.ts'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' });
  return { url };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
