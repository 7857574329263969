import { defineConfig } from 'vitest/config';
import path from 'node:path';

// `server-only` throws outside a react-server bundle; tests import server modules directly, as the server does.
const alias = { '@': path.resolve(import.meta.dirname), 'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js') };
// The integration suite runs again on real PostgreSQL when TEST_DATABASE_URL names a server.
const postgresUrl = process.env.TEST_DATABASE_URL;
if (!postgresUrl) console.warn('[vitest] TEST_DATABASE_URL is not set: skipping the PostgreSQL run of the integration suite');

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      // The SDK and CLI package (packages/promptlab): its own unit tests, no app aliases needed.
      { test: { name: 'sdk', include: ['packages/*/tests/**/*.test.ts'], environment: 'node' } },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/integration/setup.ts'],
          env: { PGLITE_DIR: 'memory://', DATABASE_URL: '', DATABASE_DRIVER: '' },
          // next-auth imports `next/server` without an extension, which only a bundler resolves.
          server: { deps: { inline: ['next-auth', '@auth/core'] } },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(postgresUrl ? [{
        resolve: { alias },
        test: {
          name: 'integration-pg',
          include: ['tests/integration/**/*.test.ts'],
          // These start their own fixtures and databases; one run is enough. The experiment recovery test sweeps the
          // whole database (as the cron does), which other files share here: it runs on PGlite, one database a file.
          exclude: ['tests/integration/neon-driver.test.ts', 'tests/integration/oidc-fixture.test.ts', 'tests/integration/experiments-recovery.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/postgres-global-setup.ts'],
          setupFiles: ['tests/integration/setup.ts'],
          // next-auth imports `next/server` without an extension, which only a bundler resolves.
          server: { deps: { inline: ['next-auth', '@auth/core'] } },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      }] : []),
    ],
  },
});
