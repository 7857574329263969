import 'server-only';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { ensurePrivateDir } from '@/lib/data-dir';
import { env, type DatabaseDriver } from '@/lib/env';
import * as schema from './schema';
import { withSharedParsers } from './pglite-parsers';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export type DatabaseConfig = {
  driver: DatabaseDriver;
  url?: string;
  pgliteDir?: string;
  neonWsProxy?: string;
  /** Apply pending migrations on open (the embedded default does; servers use `npm run db:migrate`). */
  migrate?: boolean;
};

export type DatabaseHandle = { db: Database; driver: DatabaseDriver; close: () => Promise<void> };

export const migrationsFolder = path.join(process.cwd(), 'drizzle');

/** Opens a database with the given driver. Most code wants getDb() instead. */
export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  switch (config.driver) {
    case 'pglite':
      return openPglite(config);
    case 'postgres':
      return openPostgres(config);
    case 'neon':
      return openNeon(config);
  }
}

async function openPglite(config: DatabaseConfig): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const dir = config.pgliteDir ?? '.data/pglite';
  const inMemory = dir.startsWith('memory://');
  // The data directory is chosen at run time; keep the bundler from tracing the whole project for it.
  const absolute = path.resolve(/*turbopackIgnore: true*/ dir);
  // The database holds every workspace's prompts and sealed keys: readable by this user only.
  if (!inMemory) ensurePrivateDir(absolute);
  const release = inMemory ? () => {} : (await import('./pglite-lock')).acquirePgliteLock(absolute);
  try {
    const client = withSharedParsers(await PGlite.create(inMemory ? dir : absolute));
    const db = drizzle({ client, schema });
    if (config.migrate !== false) await migrate(db, { migrationsFolder });
    return {
      db: db as unknown as Database,
      driver: 'pglite',
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

async function openPostgres(config: DatabaseConfig): Promise<DatabaseHandle> {
  const { Pool } = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new Pool({ connectionString: requireUrl(config), max: 10 });
  const db = drizzle({ client: pool, schema });
  if (config.migrate) {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(db, { migrationsFolder });
  }
  return { db: db as unknown as Database, driver: 'postgres', close: () => pool.end() };
}

async function openNeon(config: DatabaseConfig): Promise<DatabaseHandle> {
  const { Pool, neonConfig } = await import('@neondatabase/serverless');
  const { drizzle } = await import('drizzle-orm/neon-serverless');
  const { default: ws } = await import('ws');
  // Node 20 has no global WebSocket.
  neonConfig.webSocketConstructor = ws;
  if (config.neonWsProxy) {
    // A self-hosted WebSocket-to-TCP proxy (local Neon-compatible setups) speaks plain ws and no pipelining.
    // The driver adds the ws:// or wss:// scheme itself, chosen by useSecureWebSocket.
    const proxy = config.neonWsProxy.replace(/^wss?:\/\//, '').replace(/\/+$/, '');
    neonConfig.wsProxy = (host, port) => `${proxy}/v2?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = config.neonWsProxy.startsWith('wss://');
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({ connectionString: requireUrl(config), max: 10 });
  const db = drizzle({ client: pool, schema });
  if (config.migrate) {
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
    await migrate(db, { migrationsFolder });
  }
  return { db: db as unknown as Database, driver: 'neon', close: () => pool.end() };
}

function requireUrl(config: DatabaseConfig): string {
  if (!config.url) throw new Error(`DATABASE_URL is required for the ${config.driver} driver`);
  return config.url;
}

export function configFromEnv(): DatabaseConfig {
  const { database } = env();
  return {
    driver: database.driver,
    url: database.url,
    pgliteDir: database.pgliteDir,
    neonWsProxy: database.neonWsProxy,
    migrate: database.driver === 'pglite',
  };
}

// One handle per process, kept on globalThis so dev-server reloads do not open the embedded database twice.
const globalForDb = globalThis as unknown as { promptlabDb?: Promise<DatabaseHandle> };

/** The process-wide database handle, opened from the environment on first use. */
export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.promptlabDb ??= openDatabase(configFromEnv()).catch((error: unknown) => {
    globalForDb.promptlabDb = undefined;
    throw error;
  });
  return globalForDb.promptlabDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}

/** Closes the process-wide handle (tests, CLI scripts). */
export async function closeDb(): Promise<void> {
  const pending = globalForDb.promptlabDb;
  globalForDb.promptlabDb = undefined;
  if (pending) await (await pending).close();
}
