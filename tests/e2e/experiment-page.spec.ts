import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, signUpNewUser, test } from './fixtures';
import { ExperimentPage } from './pages/experiment-page';
import { fakeLlmUrl } from '../../playwright.config';

// Screenshots to look at: SHOTS_DIR=/tmp/shots/<name> npx playwright test tests/e2e/experiment-page.spec.ts
const shots = process.env.SHOTS_DIR ?? '.data/test-results/screens/experiment';
fs.mkdirSync(shots, { recursive: true });

const TOPICS = ['tides', 'volcanoes', 'banana bread', 'comets', 'glaciers', 'owls', 'banana splits', 'bees'];

test.afterEach(async ({ request }) => {
  await request.post(`${fakeLlmUrl}/__control/reset`);
});

/** Two versions (v1 always says banana, v2 only when the topic does) × 2 repeats over 8 items, through the API. */
async function seedFinished(api: APIRequestContext, request: APIRequestContext) {
  const id = await seed(api, request, { concurrency: 4, faults: 2 });
  await expect
    .poll(async () => (await (await api.get(`/api/v1/experiments/${id}`)).json()).data.status, { timeout: 30_000 })
    .toBe('completed');
  return id;
}

async function seed(api: APIRequestContext, request: APIRequestContext, { concurrency, faults }: { concurrency: number; faults: number }) {
  const data = async (res: Awaited<ReturnType<APIRequestContext['post']>>) => {
    expect(res.ok(), await res.text()).toBe(true);
    return ((await res.json()) as { data: { id: string } }).data;
  };
  const prompt = await data(await api.post('/api/v1/prompts', { data: { title: 'Topic writer', userPrompt: 'Write about {{ topic }} with a banana' } }));
  await data(await api.post(`/api/v1/prompts/${prompt.id}/versions`, { data: { userPrompt: 'Write about {{ topic }}', notes: 'no banana' } }));
  const dataset = await data(
    await api.post('/api/v1/datasets', { data: { name: 'banana topics', items: TOPICS.map((topic) => ({ input: { topic }, expected: 'banana' })) } }),
  );
  // The first two calls fail for good (400 is not retried): two errored cells, shown apart from failures.
  if (faults) await request.post(`${fakeLlmUrl}/__control/enqueue`, { data: Array.from({ length: faults }, () => ({ kind: 'status', status: 400 })) });
  const variant = (versionNumber: number, label: string) => ({ promptId: prompt.id, versionNumber, provider: 'openai', model: 'gpt-4o-mini', label });
  const created = await data(
    await api.post('/api/v1/experiments', {
      data: {
        name: 'Banana or not',
        datasetId: dataset.id,
        variants: [variant(2, 'v2 plain'), variant(1, 'v1 banana')],
        evaluators: [{ type: 'contains', config: { value: '{{expected}}' } }],
        repeats: 2,
        concurrency,
      },
    }),
  );
  return created.id;
}

async function activeCell(page: Page) {
  const id = await page.getByTestId('experiment-grid').getAttribute('aria-activedescendant');
  expect(id).toBeTruthy();
  const cell = page.locator(`[id="${id}"]`);
  return { variant: await cell.getAttribute('data-variant'), repeat: await cell.getAttribute('data-repeat'), item: await cell.getAttribute('data-item'), cell };
}

test('a finished experiment: summary, verdict, charts, keyboard navigation, filters and diff in the grid', async ({ page, request, user: _user }) => {
  const id = await seedFinished(page.request, request);
  const experiment = new ExperimentPage(page);
  await page.goto(`/experiments/${id}`);

  await expect(experiment.status()).toHaveAttribute('data-status', 'completed');
  await expect(experiment.progress()).toHaveAttribute('aria-valuenow', '32');
  await expect(page.getByTestId('experiment-progress-text')).toHaveText('32 / 32');
  await expect(page.getByTestId('variant-summary')).toHaveCount(2);
  await expect(experiment.verdict()).toHaveAttribute('data-verdict', /a_better|b_better|inconclusive/);
  for (const chart of ['chart-pass-rate', 'chart-scores', 'chart-cost-latency']) await expect(page.getByTestId(chart).locator('svg, p').first()).toBeVisible();
  await expect(page.getByTestId('grid-count')).toHaveText('8 items');
  // Errors are counted apart, never as failures.
  await expect(experiment.cells({ result: 'error' })).toHaveCount(2);
  await page.getByTestId('filter-errors').click();
  await expect(page.getByTestId('grid-count')).toHaveText(/^[12] of 8 items$/);
  await expect(experiment.cells({ result: 'error' })).toHaveCount(2);
  await page.getByTestId('filter-errors').click();

  // Keyboard: the grid takes focus and the arrows move through variants and stacked repeats.
  await page.getByTestId('experiment-grid').focus();
  expect(await activeCell(page)).toMatchObject({ variant: '0', repeat: '0' });
  await page.keyboard.press('ArrowRight');
  expect(await activeCell(page)).toMatchObject({ variant: '1', repeat: '0' });
  await page.keyboard.press('ArrowDown');
  expect(await activeCell(page)).toMatchObject({ variant: '1', repeat: '1' });
  const first = await activeCell(page);
  await page.keyboard.press('ArrowDown');
  const second = await activeCell(page);
  expect(second.item).not.toBe(first.item);
  await page.keyboard.press('ArrowUp');
  expect((await activeCell(page)).item).toBe(first.item);
  // On the last item (the errored cells were the first calls): Enter expands (evaluator reasons in full), Escape
  // closes; Space selects two cells.
  await page.keyboard.press('Control+End');
  const last = await activeCell(page);
  expect(last).toMatchObject({ variant: '1', repeat: '1' });
  await page.keyboard.press('Enter');
  await expect(last.cell.getByRole('button', { name: 'Less' })).toBeVisible();
  await expect(last.cell).toContainText('the output contains');
  await page.keyboard.press('Escape');
  await expect(last.cell.getByRole('button', { name: 'More' })).toBeVisible();
  await page.keyboard.press(' ');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press(' ');
  await expect(page.locator('[data-testid="grid-cell"][data-selected="true"]')).toHaveCount(2);
  await expect(page.getByTestId('diff-cells')).toBeEnabled();
  await page.keyboard.press('d');
  await expect(page.getByTestId('cell-diff')).toBeVisible();
  await expect(page.getByTestId('cell-diff')).toContainText('Echo: Write about');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cell-diff')).toBeHidden();

  // Filters combine: failures only, variants disagree, search.
  await page.getByTestId('filter-disagree').click();
  await expect(page.getByTestId('grid-count')).not.toHaveText('8 items');
  await page.getByTestId('filter-disagree').click();
  await page.getByTestId('grid-search').fill('volcano');
  await expect(page.getByTestId('grid-count')).toHaveText('1 of 8 items');
  await page.getByTestId('grid-search').fill('no such text anywhere');
  await expect(page.getByTestId('grid-empty')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('grid-count')).toHaveText('8 items');

  // A cell links to its run.
  await expect(experiment.cells({ result: 'pass' }).first().getByTestId('grid-cell-run')).toHaveAttribute('href', /^\/runs\/[0-9a-f-]{36}$/);

  // Screenshots at desktop and phone widths, light and dark; the page never scrolls sideways (the grid does, inside).
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.evaluate((s) => localStorage.setItem('promptlab-theme', s), scheme);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.reload();
      await expect(page.getByTestId('grid-count')).toHaveText('8 items');
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `the page scrolls sideways at ${width}px`).toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(shots, `experiment-${width}-${scheme}.png`), fullPage: true });
    }
  }

  // O opens the focused cell's run.
  await page.getByTestId('experiment-grid').focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('o');
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
});

test('the experiments list filters by status, and another workspace\'s experiment is a 404 page', async ({ page, request, browser, user: _user }) => {
  const id = await seedFinished(page.request, request);
  await page.goto('/experiments');
  await expect(page.getByTestId('experiment-row')).toHaveCount(1);
  await page.getByTestId('experiments-status-running').click();
  await expect(page).toHaveURL(/status=running/);
  await expect(page.getByTestId('experiment-row')).toHaveCount(0);
  await page.getByTestId('experiments-status-completed').click();
  await expect(page.getByTestId('experiment-row')).toHaveCount(1);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: path.join(shots, `experiments-list-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId('experiment-row').getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${id}$`));

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUpNewUser(otherPage, 'Other');
  const res = await otherPage.goto(`/experiments/${id}`);
  expect(res?.status()).toBe(404);
  await other.close();
});

test('a running experiment: the bar moves with the stream, and Cancel stops it and says why', async ({ page, request, user: _user }) => {
  await request.post(`${fakeLlmUrl}/__control/configure`, { data: { latencyMs: 400, ttftMs: 400, chunkDelayMs: 0 } });
  const id = await seed(page.request, request, { concurrency: 1, faults: 0 });
  const experiment = new ExperimentPage(page);
  await page.goto(`/experiments/${id}`);
  await expect(experiment.progress()).toHaveAttribute('aria-valuemax', '32');
  await expect.poll(async () => { const { now, max } = await experiment.progressValues(); return now > 0 && now < max; }, { timeout: 20_000 }).toBe(true);
  await expect(experiment.status()).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('experiment-eta')).toBeVisible();
  await expect(page.getByTestId('rerun-experiment')).toBeDisabled();
  await page.screenshot({ path: path.join(shots, 'experiment-running-1280.png'), fullPage: true });

  await page.getByTestId('cancel-experiment').click();
  await page.getByTestId('cancel-experiment-confirm').click();
  await expect(experiment.status()).toHaveAttribute('data-status', 'canceled');
  await expect(page.getByTestId('experiment-stopped')).toHaveAttribute('data-reason', 'canceled');
  await expect(page.getByTestId('cancel-experiment')).toHaveCount(0);
  const { now, max } = await experiment.progressValues();
  expect(now).toBe(max); // canceled cells count as finished
  await expect(experiment.cells({ result: 'canceled' }).first()).toBeVisible();
});

test('10,000 cells: the grid loads every page, scrolls in frames and reaches the last cell by keyboard', async ({ page, user: _user }) => {
  test.setTimeout(180_000);
  const api = page.request;
  const data = async (res: Awaited<ReturnType<APIRequestContext['post']>>) => {
    expect(res.ok(), await res.text()).toBe(true);
    return ((await res.json()) as { data: { id: string } }).data;
  };
  const prompt = await data(await api.post('/api/v1/prompts', { data: { title: 'Big', userPrompt: 'Say {{ n }}' } }));
  const items = Array.from({ length: 5000 }, (_, n) => ({ input: { n: String(n) } }));
  const dataset = await data(await api.post('/api/v1/datasets', { data: { name: 'five thousand', items } }));
  const variant = (label: string) => ({ promptId: prompt.id, provider: 'openai', model: 'gpt-4o-mini', label });
  const created = await data(
    await api.post('/api/v1/experiments', { data: { datasetId: dataset.id, variants: [variant('a'), variant('b')], concurrency: 50, cache: false } }),
  );
  await expect
    .poll(async () => (await (await api.get(`/api/v1/experiments/${created.id}`)).json()).data.status, { timeout: 150_000, intervals: [2000] })
    .toBe('completed');

  const started = Date.now();
  await page.goto(`/experiments/${created.id}`);
  await expect(page.getByTestId('grid-cell').first()).toBeVisible();
  const firstCellMs = Date.now() - started;
  await expect(page.getByTestId('grid-count')).toHaveText('5,000 items', { timeout: 30_000 });
  const allMs = Date.now() - started;
  // Virtualised: a few rows in the DOM, not 10,000 cells.
  expect(await page.getByTestId('grid-cell').count()).toBeLessThan(200);

  // Scroll the grid in big jumps, one per frame; record how long each frame took.
  const frames = await page.getByTestId('experiment-grid').evaluate(async (grid) => {
    const gaps: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 60; i++) {
      grid.scrollTop += 3000;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }
    return gaps.sort((a, b) => a - b);
  });
  const median = frames[Math.floor(frames.length / 2)]!;
  console.log(`10,000 cells: first cell ${firstCellMs} ms, all pages ${allMs} ms, scroll frame median ${median.toFixed(1)} ms, max ${frames.at(-1)!.toFixed(1)} ms`);
  expect(median).toBeLessThan(100);

  await page.getByTestId('experiment-grid').focus();
  await page.keyboard.press('Control+End');
  const last = await activeCell(page);
  // Scrolled into the grid's own view (the grid may sit below the page's fold).
  const inside = await last.cell.evaluate((cell) => {
    const c = cell.getBoundingClientRect();
    const g = cell.closest('[data-testid="experiment-grid"]')!.getBoundingClientRect();
    return c.top >= g.top - 1 && c.bottom <= g.bottom + 1;
  });
  expect(inside).toBe(true);
  await expect(last.cell).toContainText('Say 4999');
});
