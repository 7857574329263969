import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect, signUpNewUser, test } from './fixtures';

const SONNET = 'claude-3-5-sonnet-20241022';

async function startRun(api: APIRequestContext, data: Record<string, unknown>): Promise<string> {
  const res = await api.post('/api/v1/runs', { data });
  expect(res.status(), await res.text()).toBe(202);
  const id = (await res.json()).data.id as string;
  await expect.poll(async () => (await (await api.get(`/api/v1/runs/${id}`)).json()).data.status, { timeout: 20_000 }).toBe('succeeded');
  return id;
}

/** A prompt with two versions and one run of each, on two providers: their outputs differ by a few words. */
async function twoRuns(page: Page) {
  const api = page.request;
  const prompt = (await (await api.post('/api/v1/prompts', { data: { title: 'Compare me', userPrompt: 'Describe {{ thing }} in a few words please' } })).json()).data;
  const saved = await api.post(`/api/v1/prompts/${prompt.id}/versions`, { data: { userPrompt: 'Describe {{ thing }} in one short line please' } });
  expect(saved.status(), await saved.text()).toBe(201);
  const first = await startRun(api, { promptId: prompt.id, versionNumber: 1, variables: { thing: 'the sea at night' }, provider: 'openai', model: 'gpt-4o-mini' });
  const second = await startRun(api, { promptId: prompt.id, versionNumber: 2, variables: { thing: 'the sea at dawn' }, provider: 'anthropic', model: SONNET });
  return { promptId: prompt.id as string, first, second };
}

/** The marked words of one kind in a diff, in order, as one string. */
const marked = (diff: Locator, kind: 'added' | 'removed') => async () =>
  (await diff.locator(kind === 'added' ? 'ins[data-diff="added"]' : 'del[data-diff="removed"]').allTextContents()).join(' ');

/** Elements that stick out past the right edge of the viewport (none: the page never scrolls sideways). */
const sticking = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.overflow-x-auto, .overflow-auto'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}.${el.className}`.slice(0, 160)),
  );

test('selects two runs in the history and compares outputs word by word, prompts and metrics', async ({ page, user: _user }) => {
  const { promptId, first, second } = await twoRuns(page);

  await page.goto(`/runs?promptId=${promptId}`);
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await expect(page.getByTestId('compare-bar')).toHaveCount(0);
  await page.locator(`[data-testid="run-row"][data-run-id="${first}"]`).getByTestId('run-select').check();
  await expect(page.getByTestId('compare-runs')).toBeDisabled();
  await page.locator(`[data-testid="run-row"][data-run-id="${second}"]`).getByTestId('run-select').check();
  await expect(page.getByTestId('compare-runs')).toHaveText(/Compare \(2\)/);
  await page.getByTestId('compare-runs').click();
  await expect(page).toHaveURL(new RegExp(`/runs/compare\\?ids=${first},${second}$`));

  const columns = page.getByTestId('compare-column');
  await expect(columns).toHaveCount(2);
  await expect(columns.first().getByTestId('compare-base-badge')).toBeVisible();
  // The second run's output against the base: changed words marked, the shared ones not.
  const diff = columns.nth(1).getByTestId('compare-diff');
  await expect(diff.locator('del[data-diff="removed"]').first()).toBeVisible();
  await expect.poll(marked(diff, 'removed')).toMatch(/^night\b.*\bwords$/);
  await expect.poll(marked(diff, 'added')).toMatch(/^dawn\b.*\bline$/);
  await expect(diff).toContainText('Echo: Describe the sea at');
  await expect(diff.getByTestId('diff-text')).toHaveAttribute('data-granularity', 'word');

  // Metrics side by side; the prompts' diff comes from the saved versions.
  const metrics = page.getByTestId('compare-metrics');
  await expect(metrics).toContainText('openai/gpt-4o-mini');
  await expect(metrics).toContainText(`anthropic/${SONNET}`);
  await expect(metrics.locator('td[data-metric="Cost"]').first()).toContainText('$');
  await expect(metrics.locator('td[data-best="true"]').first()).toBeVisible();
  await expect(page.getByTestId('compare-version-diff')).toContainText('one short line');
  await page.screenshot({ path: '/tmp/shots/h6/compare-1280.png', fullPage: true });

  // Another base swaps the marks, and the link keeps it.
  await page.getByTestId('compare-base').selectOption(second);
  await expect(page).toHaveURL(new RegExp(`base=${second}`));
  await expect.poll(marked(columns.first().getByTestId('compare-diff'), 'added')).toMatch(/^night\b/);
  await page.getByTestId('compare-show-diff').uncheck();
  await expect(page.getByTestId('compare-diff')).toHaveCount(0);
  await expect(columns.nth(1).getByTestId('run-output')).toContainText('Echo: Describe the sea at dawn in one short line please');
  await page.getByTestId('compare-show-diff').check();

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('compare-diff')).toBeVisible();
  expect(await sticking(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: '/tmp/shots/h6/compare-390.png', fullPage: true });
});

test('a run page compares with a recent run of its prompt; another workspace\'s run reads as not found', async ({ page, browser, user: _user }) => {
  const { promptId, first, second } = await twoRuns(page);

  await page.goto(`/runs/${second}`);
  await expect(page.getByTestId('run-open-in-editor')).toHaveAttribute('href', `/prompts/${promptId}?fromRun=${second}`);
  await page.getByTestId('run-compare-with').click();
  const dialog = page.getByTestId('compare-with-dialog');
  await dialog.locator(`[data-testid="compare-with-option"][data-run-id="${first}"]`).check();
  await dialog.getByTestId('compare-with-go').click();
  await expect(page).toHaveURL(new RegExp(`/runs/compare\\?ids=${second},${first}$`));
  await expect(page.getByTestId('compare-column')).toHaveCount(2);
  await expect(page.getByTestId('compare-diff').locator('ins[data-diff="added"]').first()).toBeVisible();

  // A draft run (unsaved edits) is labelled so, and its template is compared turn by turn.
  const draft = await startRun(page.request, {
    promptId,
    draft: { userPrompt: 'Sketch {{ thing }} in one short line please' },
    variables: { thing: 'the sea at night' },
    provider: 'openai',
    model: 'gpt-4o-mini',
  });
  await page.goto(`/runs/compare?ids=${first},${draft}`);
  const draftColumn = page.getByTestId('compare-column').nth(1);
  await expect(draftColumn.getByTestId('run-version-label')).toHaveAttribute('data-draft', 'true');
  await expect(draftColumn.getByTestId('run-version-label')).toContainText('draft');
  await expect.poll(marked(draftColumn.getByTestId('compare-diff'), 'added')).toMatch(/Sketch/);
  await expect(page.getByTestId('compare-prompt').getByTestId('compare-turn').locator('ins[data-diff="added"]').first()).toContainText('Sketch');

  // A run of another workspace answers 404 like a missing one: its column says so, the others still compare.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signUpNewUser(other, 'Other');
  const theirs = (await twoRuns(other)).first;
  await otherContext.close();
  await page.goto(`/runs/compare?ids=${first},${theirs},${second}`);
  await expect(page.getByTestId('compare-column')).toHaveCount(3);
  await expect(page.getByTestId('compare-run-missing')).toBeVisible();
  await expect(page.getByTestId('compare-diff')).toHaveCount(1);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/runs/${second}`);
  await expect(page.getByTestId('run-compare-with')).toBeVisible();
  expect(await sticking(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: '/tmp/shots/h6/run-page-390.png', fullPage: true });
});
