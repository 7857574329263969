import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrationsFolder, type Database } from './client';

/** Compares the migrations shipped in drizzle/ with those recorded as applied. */
export async function getMigrationStatus(db: Database): Promise<{ expected: number; applied: number; current: boolean }> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  const expected = journal.entries.length;
  const latestExpected = Math.max(...journal.entries.map((e) => e.when));
  const result = await db.execute<{ applied: number; latest: string | null }>(
    sql`select count(*)::int as applied, max(created_at)::text as latest from drizzle.__drizzle_migrations`,
  );
  const row = (Array.isArray(result) ? result[0] : (result as { rows: unknown[] }).rows[0]) as
    | { applied: number; latest: string | null }
    | undefined;
  const applied = row?.applied ?? 0;
  return { expected, applied, current: Number(row?.latest ?? 0) >= latestExpected };
}
