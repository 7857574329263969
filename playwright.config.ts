import { defineConfig, devices } from '@playwright/test';

// End-to-end tests run against the production build (`next build` first: scripts/e2e.mjs does it),
// on a fresh embedded database, with a local OpenID Connect provider standing in for the identity provider.
const port = Number(process.env.E2E_PORT ?? 3200);
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 9400);
// The browser uses the public origin, APP_URL; Next.js reports its own address as http://localhost:<port>,
// so sign-in is tested with APP_URL differing from the server's own address, as behind a proxy.
export const baseURL = `http://127.0.0.1:${port}`;
const fakeLlmPort = Number(process.env.E2E_FAKE_LLM_PORT ?? 9500);
export const fakeLlmUrl = `http://127.0.0.1:${fakeLlmPort}`;
export const oidc = { issuer: `http://127.0.0.1:${oidcPort}`, clientId: 'promptlab-e2e', clientSecret: 'e2e-client-secret' };

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.data/test-results/e2e.json' }]],
  outputDir: '.data/test-results/e2e-artifacts',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } } }],
  webServer: [
    {
      // The fake provider speaks the OpenAI and Anthropic wire protocols; it streams slowly enough to watch.
      command: 'node_modules/.bin/tsx tests/fixtures/fake-llm-cli.ts',
      url: `${fakeLlmUrl}/__control/health`,
      reuseExistingServer: false,
      env: { FAKE_LLM_PORT: String(fakeLlmPort), FAKE_LLM_TTFT_MS: '300', FAKE_LLM_CHUNK_DELAY_MS: '60' },
    },
    {
      command: 'node_modules/.bin/tsx tests/fixtures/oidc-server.ts',
      url: `${oidc.issuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      env: {
        OIDC_PORT: String(oidcPort),
        OIDC_CLIENT_ID: oidc.clientId,
        OIDC_CLIENT_SECRET: oidc.clientSecret,
        OIDC_REDIRECT_URI: `${baseURL}/api/auth/callback/oidc`,
      },
    },
    {
      command: `node_modules/.bin/next start -p ${port} -H 127.0.0.1`,
      url: `${baseURL}/api/health/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: '',
        APP_URL: baseURL,
        PGLITE_DIR: '.data/e2e/pglite',
        AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
        AUTH_OIDC_ISSUER: oidc.issuer,
        AUTH_OIDC_ID: oidc.clientId,
        AUTH_OIDC_SECRET: oidc.clientSecret,
        AUTH_OIDC_NAME: 'Test SSO',
        AUTH_PASSWORD_LOGIN: 'true',
        // Every test signs a new user up from 127.0.0.1 (and, with no trusted proxy, from one shared bucket).
        RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
        RATE_LIMIT_SIGNUP_PER_HOUR: '1000',
        OPENAI_API_KEY: 'sk-e2e',
        OPENAI_BASE_URL: `${fakeLlmUrl}/v1`,
        ANTHROPIC_API_KEY: 'sk-ant-e2e',
        ANTHROPIC_BASE_URL: fakeLlmUrl,
      },
    },
  ],
});
