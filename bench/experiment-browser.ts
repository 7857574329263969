// A signed-in Chromium for the bench: a user signed up through the login page, an API key for that user's
// workspace (so the measured experiment is theirs), and the time to first render of an experiment's page.
import { chromium, type Browser, type Page } from '@playwright/test';
import { round1 } from './bench-utils';

export type BenchBrowser = { browser: Browser; page: Page; apiKey: string; close: () => Promise<void> };

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Signs a new user up (the server needs AUTH_PASSWORD_LOGIN=true) and creates an API key in their workspace. */
export async function openSignedInBrowser(base: string): Promise<BenchBrowser> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    // A context of its own: measurePageLoad opens fresh tabs in it, signed in by its cookie.
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByTestId('password-form').waitFor();
    if ((await page.getByTestId('toggle-mode').textContent()) === 'Create an account') await page.getByTestId('toggle-mode').click();
    await page.getByLabel('Name').fill('Bench');
    await page.getByLabel('Email').fill(`bench-${Date.now()}@example.test`);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByTestId('password-submit').click();
    await page.waitForURL(/\/prompts$/);
    // Same origin as the page: the session cookie goes along; no Origin header, like a script.
    const res = await page.request.post('/api/v1/api-keys', { data: { name: 'bench' } });
    if (!res.ok()) throw new Error(`POST /api/v1/api-keys: ${res.status()} ${await res.text()}`);
    const apiKey = ((await res.json()) as { data: { key: string } }).data.key;
    return { browser, page, apiKey, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

export type PageLoad = { firstRenderMs: number; firstGridRowMs: number; gridCellsRendered: number };

/**
 * Loads /experiments/{id} in a fresh tab: ms from navigation start to the status badge (first render of the page's
 * content) and to the first grid cell visible. Median of `times` loads, the first one being the cold one.
 */
export async function measurePageLoad(bench: BenchBrowser, experimentId: string, times = 3): Promise<PageLoad & { coldFirstRenderMs: number; coldFirstGridRowMs: number }> {
  const loads: PageLoad[] = [];
  for (let i = 0; i < times; i++) {
    const page = await bench.page.context().newPage();
    const started = Date.now();
    await page.goto(`/experiments/${experimentId}`, { waitUntil: 'commit' });
    await page.getByTestId('experiment-status').waitFor({ state: 'visible', timeout: 60_000 });
    const firstRenderMs = Date.now() - started;
    await page.getByTestId('grid-cell').first().waitFor({ state: 'visible', timeout: 60_000 });
    const firstGridRowMs = Date.now() - started;
    const gridCellsRendered = await page.getByTestId('grid-cell').count();
    loads.push({ firstRenderMs, firstGridRowMs, gridCellsRendered });
    await page.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    coldFirstRenderMs: loads[0]!.firstRenderMs,
    coldFirstGridRowMs: loads[0]!.firstGridRowMs,
    firstRenderMs: round1(median(loads.map((l) => l.firstRenderMs))),
    firstGridRowMs: round1(median(loads.map((l) => l.firstGridRowMs))),
    gridCellsRendered: loads.at(-1)!.gridCellsRendered,
  };
}
