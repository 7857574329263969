import fs from 'node:fs';
import path from 'node:path';
import { expect, signUpNewUser, test } from './fixtures';
import type { Page } from '@playwright/test';

// Screenshots to look at: SHOTS_DIR=/tmp/shots/<name> npx playwright test tests/e2e/mobile.spec.ts
const shots = process.env.SHOTS_DIR ?? '.data/test-results/screens/mobile';
fs.mkdirSync(shots, { recursive: true });

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function expectNoSideScroll(page: Page, what: string) {
  // Let client-side data (lists, the editor) render before measuring.
  await page.waitForLoadState('networkidle');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what} scrolls sideways`).toBeLessThanOrEqual(page.viewportSize()!.width);
}

async function seed(page: Page) {
  const api = page.request;
  const prompt = (await (await api.post('/api/v1/prompts', {
    data: { title: 'A prompt with a rather long title that could push things sideways', userPrompt: 'Summarise {{ topic }} for {{ audience }} in {{ words }} words.', tags: ['mobile', 'layout'] },
  })).json()).data;
  const run = (await (await api.post('/api/v1/runs', { data: { promptId: prompt.id, variables: { topic: 'tides', audience: 'kids', words: '50' }, cache: false } })).json()).data;
  await expect.poll(async () => (await (await api.get(`/api/v1/runs/${run.id}`)).json()).data.status, { timeout: 20_000 }).toBe('succeeded');
  return { promptId: prompt.id as string, runId: run.id as string };
}

test('the sign-in page fits a phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto('/login');
  await expectNoSideScroll(page, 'login');
  await page.screenshot({ path: path.join(shots, 'login-390.png'), fullPage: true });
  await context.close();
});

test('every page fits 390 px, and the menu keeps navigation, the theme and sign-out reachable', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signUpNewUser(page, 'Phone');
  const { promptId, runId } = await seed(page);
  const pages: [string, string][] = [
    ['prompts', '/prompts'],
    ['editor', `/prompts/${promptId}`],
    ['runs', '/runs'],
    ['run', `/runs/${runId}`],
    ['settings', '/settings'],
    ['not-found', `/prompts/00000000-0000-4000-8000-000000000000`],
    ['unknown', '/nope'],
  ];
  for (const [name, url] of pages) {
    await page.goto(url);
    await expectNoSideScroll(page, name);
    await page.screenshot({ path: path.join(shots, `${name}-390.png`), fullPage: true });
  }

  await page.goto('/prompts');
  // The desktop navigation and account menu give way to one menu; the theme toggle stays in the header.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await page.getByTestId('mobile-menu').click();
  await page.screenshot({ path: path.join(shots, 'menu-390.png') });
  await page.getByTestId('mobile-nav-runs').click();
  await expect(page).toHaveURL(/\/runs$/);

  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('theme-option-dark').click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.screenshot({ path: path.join(shots, 'runs-dark-390.png'), fullPage: true });

  await page.getByTestId('mobile-menu').click();
  await page.getByTestId('mobile-sign-out').click();
  await expect(page).toHaveURL(/\/login/);
});

test('the same pages at 1280 px', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signUpNewUser(page, 'Desk');
  const { promptId, runId } = await seed(page);
  for (const [name, url] of [['prompts', '/prompts'], ['editor', `/prompts/${promptId}`], ['run', `/runs/${runId}`], ['settings', '/settings'], ['unknown', '/nope']] as const) {
    await page.goto(url);
    await expectNoSideScroll(page, name);
    await page.screenshot({ path: path.join(shots, `${name}-1280.png`), fullPage: true });
  }
  await page.goto('/prompts');
  await expect(page.getByTestId('mobile-menu')).toBeHidden();
  await expect(page.getByTestId('user-menu')).toBeVisible();
});
