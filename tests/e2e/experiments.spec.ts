import { DatasetPage } from './pages/dataset-page';
import { EditorPage } from './pages/editor-page';
import { ExperimentPage } from './pages/experiment-page';
import { PromptsPage } from './pages/prompts-page';
import { expect, test } from './fixtures';
import { fakeLlmUrl } from '../../playwright.config';

// The fake provider echoes the prompt ("Echo: <rendered prompt>"). Version 1 always says "banana"; version 2 only
// when the topic does, so "Contains expected" (expected: banana) separates them on 10 of the 12 items.
const TOPICS = ['tides', 'volcanoes', 'banana bread', 'comets', 'glaciers', 'owls', 'deserts', 'banana splits', 'bees', 'maple trees', 'coral', 'lightning'];
const CSV = `topic,expected\n${TOPICS.map((t) => `${t},banana`).join('\n')}\n`;
const BOTH_PASS = TOPICS.filter((t) => t.includes('banana')).length;

test.beforeEach(async ({ request }) => {
  // Slow enough, with concurrency 2, that the progress bar is seen between empty and full.
  await request.post(`${fakeLlmUrl}/__control/configure`, { data: { latencyMs: 400, ttftMs: 400, chunkDelayMs: 0 } });
});
test.afterEach(async ({ request }) => {
  await request.post(`${fakeLlmUrl}/__control/reset`);
});

test('import a CSV, test two versions over it, watch the progress, read the verdict, filter failures and diff two cells', async ({ page, user: _user }) => {
  test.setTimeout(120_000);
  const datasets = new DatasetPage(page);
  await datasets.gotoList();
  await datasets.importCsv('banana-topics.csv', CSV);
  await expect(datasets.name()).toContainText('banana-topics');

  // A prompt with two versions: v1 mentions banana, v2 does not.
  const editor = new EditorPage(page);
  const prompts = new PromptsPage(page);
  await prompts.goto();
  await prompts.create({ title: 'Topic writer', template: 'Write about {{ topic }} with a banana' });
  await editor.waitLoaded();
  await editor.userPrompt().fill('Write about {{ topic }}');
  await editor.saveWithShortcut('no banana');
  await expect(editor.versionRow(2)).toContainText('no banana');

  // The Test dialog starts from the current version against the previous one.
  const experiment = new ExperimentPage(page);
  await experiment.openTestDialog();
  await expect(experiment.variantRows()).toHaveCount(2);
  await expect(experiment.form().getByTestId('variant-version-0')).toHaveValue('2');
  await expect(experiment.form().getByTestId('variant-version-1')).toHaveValue('1');
  await experiment.pickDataset('banana-topics');
  for (const i of [0, 1]) await experiment.setVariant(i, { provider: 'openai', model: 'gpt-4o-mini' });
  // The default evaluator compares with the expected column.
  await expect(experiment.form().getByTestId('evaluator-row')).toHaveCount(1);
  await expect(experiment.form().getByTestId('evaluator-row')).toHaveAttribute('data-preset', 'contains-expected');
  await experiment.form().getByTestId('experiment-concurrency').fill('2');
  await expect(experiment.form().getByTestId('experiment-cell-count')).toContainText('2 variants × 12 items × 1 repeat = 24 cells');
  // The server's refusal lands on its field: a JavaScript evaluator that does not compile; nothing starts.
  await experiment.form().getByTestId('evaluator-preset').selectOption('javascript');
  await experiment.form().getByTestId('add-evaluator').click();
  await experiment.form().getByTestId('evaluator-1-code').fill('return (');
  await experiment.form().getByTestId('experiment-start').click();
  await expect(experiment.form().getByTestId('field-error-evaluator-1-code-error')).toBeVisible();
  await expect(page).not.toHaveURL(/\/experiments\//);
  await experiment.form().getByRole('button', { name: 'Remove evaluator 2' }).click();
  await expect(experiment.form().getByTestId('evaluator-row')).toHaveCount(1);
  await experiment.start();

  // The bar moves: seen part-way, then full.
  await expect(experiment.progress()).toHaveAttribute('aria-valuemax', '24');
  await expect.poll(async () => { const { now, max } = await experiment.progressValues(); return now > 0 && now < max; }, { timeout: 20_000 }).toBe(true);
  await expect(experiment.progress()).toHaveAttribute('aria-valuenow', '24', { timeout: 30_000 });
  await expect(page.getByTestId('experiment-progress-text')).toContainText('24 / 24');
  await expect(experiment.status()).toHaveAttribute('data-status', 'completed');

  // Variant 0 is v2 (2 of 12 pass), variant 1 is v1 (12 of 12): B is better, and says so.
  await expect(page.getByTestId('variant-summary')).toHaveCount(2);
  await expect(page.getByTestId('verdict-a')).toHaveValue('0');
  await expect(page.getByTestId('verdict-b')).toHaveValue('1');
  await expect(experiment.verdict()).toHaveAttribute('data-verdict', 'b_better');
  // Swapping the pair swaps the verdict.
  await page.getByTestId('verdict-a').selectOption('1');
  await expect(experiment.verdict()).toHaveAttribute('data-verdict', 'a_better');

  // Every cell is scored. Failures only keeps the 10 items where v2 failed (the grid is virtualised: count by its toolbar).
  const failing = TOPICS.length - BOTH_PASS;
  await expect(page.getByTestId('grid-count')).toHaveText(`${TOPICS.length} items`);
  await expect(experiment.cells({ result: 'pending' })).toHaveCount(0);
  await expect(experiment.cells({ variant: 1, result: 'fail' })).toHaveCount(0);
  await expect(page.getByTestId('filter-failures')).toContainText(String(failing));
  await page.getByTestId('filter-failures').click();
  await expect(page.getByTestId('grid-count')).toHaveText(`${failing} of ${TOPICS.length} items`);
  await expect(experiment.cells({ variant: 0, result: 'fail' }).first()).toBeVisible();
  await expect(experiment.cells({ variant: 0, result: 'pass' })).toHaveCount(0);

  // Diff the two versions' outputs for one item.
  const item = await experiment.cells({ variant: 0 }).first().getAttribute('data-item');
  await expect(page.getByTestId('diff-cells')).toBeDisabled();
  for (const variant of [0, 1]) await experiment.grid().locator(`[data-testid="grid-cell"][data-variant="${variant}"][data-item="${item}"]`).getByTestId('grid-cell-select').check();
  await expect(page.getByTestId('diff-cells')).toBeEnabled();
  await page.getByTestId('diff-cells').click();
  const diff = page.getByTestId('cell-diff');
  await expect(diff).toBeVisible();
  // Both sides: v1's output has the banana, v2's does not.
  await expect(diff).toContainText('with a banana');
  await expect(diff).toContainText('Echo: Write about');
});
