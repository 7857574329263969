import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Screenshots to look at: SHOTS_DIR=/tmp/shots-h6 npx playwright test tests/e2e/datasets.spec.ts
const shots = process.env.SHOTS_DIR ?? '.data/test-results/screens/datasets';
fs.mkdirSync(shots, { recursive: true });

const CSV = ['question,answer,metadata.source,notes', 'How do tides work?,The moon pulls the sea,faq,a', '"Why is the sky blue, really?",Rayleigh scattering,faq,b', 'What is a comet?,A ball of ice and dust,web,c'].join('\n');

const cell = (page: Page, row: number, col: string) => page.locator(`[data-testid="dataset-cell"][data-row="${row}"][data-col="${col}"]`);

async function createDataset(page: Page, name: string): Promise<string> {
  await page.goto('/datasets');
  await page.getByTestId('new-dataset').click();
  await page.getByTestId('new-dataset-name').fill(name);
  await page.getByTestId('create-dataset').click();
  await expect(page).toHaveURL(/\/datasets\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

test('create a dataset, import a CSV with a remapped column, edit cells by keyboard, export, rename and delete', async ({ page, user: _user }) => {
  await page.goto('/datasets');
  await expect(page.getByTestId('empty-datasets')).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'datasets-empty-1280.png') });
  const id = await createDataset(page, 'Support cases');
  await expect(page.getByTestId('empty-items')).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'dataset-empty-1280.png'), fullPage: true });

  // A broken file says which row is wrong, and cannot be sent.
  await page.getByTestId('dataset-import').click();
  await page.getByTestId('import-file-input').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('question,answer\nok,fine\nonly one field\n') });
  await expect(page.getByTestId('import-errors')).toContainText('Row 2');
  await expect(page.getByTestId('import-submit')).toBeDisabled();

  // The real file: `answer` becomes the expected value, `notes` is left out, the preview shows it.
  await page.getByTestId('import-file-input').setInputFiles({ name: 'cases.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('Rayleigh scattering');
  await page.getByTestId('import-map-answer').selectOption('expected');
  await page.getByTestId('import-map-notes').selectOption('ignore');
  await expect(preview.locator('th').nth(2)).toContainText('expected');
  await page.screenshot({ path: path.join(shots, 'import-dialog-1280.png') });
  const imported = page.waitForResponse((res) => res.url().includes('/import?') && res.request().method() === 'POST');
  await page.getByTestId('import-submit').click();
  const response = await imported;
  expect(response.status()).toBe(201);
  expect(new URL(response.url()).searchParams.get('map.answer')).toBe('expected');
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  await expect(page.getByTestId('dataset-count')).toHaveText('3');
  await expect(cell(page, 1, 'input.question')).toHaveText('Why is the sky blue, really?');
  await expect(cell(page, 1, 'expected')).toHaveText('Rayleigh scattering');
  await expect(cell(page, 0, 'metadata')).toContainText('"source":"faq"');
  await page.screenshot({ path: path.join(shots, 'dataset-small-1280.png') });
  await expect(page.locator('[data-testid="dataset-cell"][data-col="input.notes"]')).toHaveCount(0);

  // Click to edit, Enter saves.
  await cell(page, 0, 'input.question').click();
  await page.getByTestId('cell-editor').fill('How do tides work, exactly?');
  const saved = page.waitForResponse((res) => res.request().method() === 'PATCH' && res.url().includes('/items/'));
  await page.getByTestId('cell-editor').press('Enter');
  expect((await saved).status()).toBe(200);
  await expect(cell(page, 0, 'input.question')).toHaveText('How do tides work, exactly?');

  // Arrows move, Enter opens the editor, Esc cancels without saving.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cell-editor')).toHaveValue('Rayleigh scattering');
  await page.keyboard.type(' (not saved)');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cell-editor')).toHaveCount(0);
  await expect(cell(page, 1, 'expected')).toHaveText('Rayleigh scattering');
  // Typing on a cell starts its editor with that character, replacing the text; Esc brings it back.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('W');
  await expect(page.getByTestId('cell-editor')).toHaveValue('W');
  await page.keyboard.press('Escape');
  await expect(cell(page, 1, 'input.question')).toHaveText('Why is the sky blue, really?');

  // Bad metadata is refused in place.
  await cell(page, 2, 'metadata').click();
  await page.getByTestId('cell-editor').fill('{not json');
  await page.getByTestId('cell-editor').press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'valid JSON' })).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'cell-editor-1280.png') });
  await page.getByTestId('cell-editor').press('Escape');

  // A new row opens its first cell for typing.
  await page.getByTestId('add-item').click();
  await expect(page.getByTestId('cell-editor')).toBeVisible();
  await page.getByTestId('cell-editor').fill('What is a nebula?');
  await page.getByTestId('cell-editor').press('Enter');
  await expect(cell(page, 3, 'input.question')).toHaveText('What is a nebula?');
  await expect(page.getByTestId('dataset-count')).toHaveText('4');

  await page.reload();
  await expect(cell(page, 0, 'input.question')).toHaveText('How do tides work, exactly?');
  await expect(cell(page, 3, 'input.question')).toHaveText('What is a nebula?');
  await page.getByRole('button', { name: 'Delete row 4' }).click();
  await expect(page.getByTestId('dataset-count')).toHaveText('3');

  // Export: the CSV has the edit and round-trips the columns.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await download;
  const csv = fs.readFileSync((await file.path())!, 'utf8');
  expect(csv.split(/\r?\n/)[0]).toBe('question,expected,metadata.source');
  expect(csv).toContain('"How do tides work, exactly?"');
  const jsonl = await page.request.get(await page.getByTestId('export-jsonl').getAttribute('href') as string);
  expect((await jsonl.text()).trim().split('\n')).toHaveLength(3);

  // Rename in place.
  await page.getByTestId('dataset-name').click();
  await page.getByTestId('dataset-name-input').fill('Astronomy FAQ');
  await page.getByTestId('dataset-name-input').press('Enter');
  await expect(page.getByTestId('dataset-name')).toHaveText('Astronomy FAQ');

  await page.goto('/datasets');
  await expect(page.getByTestId('dataset-row')).toContainText('Astronomy FAQ');
  await expect(page.getByTestId('dataset-row')).toContainText('3 items');
  await page.getByTestId('dataset-row').click();
  await expect(page).toHaveURL(new RegExp(`/datasets/${id}$`));
  await page.getByTestId('delete-dataset').click();
  await page.getByTestId('delete-dataset-confirm').click();
  await expect(page).toHaveURL(/\/datasets$/);
  await expect(page.getByTestId('empty-datasets')).toBeVisible();
  expect((await page.request.get(`/api/v1/datasets/${id}`)).status()).toBe(404);
  // The page of a dataset that is gone (or another workspace's) is the branded 404.
  expect((await page.goto(`/datasets/${id}`))?.status()).toBe(404);
});

test('importing a JSONL file from the list makes a dataset named after it; a taken name is said in the dialog', async ({ page, user: _user }) => {
  const jsonl = ['{"input":{"city":"Lisbon"},"expected":"Portugal","metadata":{"level":"easy"}}', '', '{"input":{"city":"Ulaanbaatar"},"expected":"Mongolia"}'].join('\n');
  await page.goto('/datasets');
  // The empty state renders from the client query, so the page's keys are listening by then.
  await expect(page.getByTestId('empty-datasets')).toBeVisible();
  await page.keyboard.press('i');
  await page.getByTestId('import-file-input').setInputFiles({ name: 'capitals.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(jsonl) });
  await expect(page.getByTestId('import-name')).toHaveValue('capitals');
  await expect(page.getByTestId('import-preview')).toContainText('Ulaanbaatar');
  await page.getByTestId('import-submit').click();
  await expect(page).toHaveURL(/\/datasets\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('dataset-name')).toHaveText('capitals');
  await expect(cell(page, 1, 'expected')).toHaveText('Mongolia');
  await expect(cell(page, 0, 'metadata')).toContainText('easy');

  await page.goto('/datasets');
  await page.getByTestId('import-dataset').click();
  await page.getByTestId('import-file-input').setInputFiles({ name: 'capitals.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(jsonl) });
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-error')).toBeVisible();
  await page.getByTestId('import-name').fill('capitals 2');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('dataset-name')).toHaveText('capitals 2');
  await expect(page.getByTestId('dataset-count')).toHaveText('2');

  // Replace: the file's rows take the place of every item.
  await page.getByTestId('dataset-import').click();
  await page.getByTestId('import-file-input').setInputFiles({ name: 'one.json', mimeType: 'application/json', buffer: Buffer.from('[{"city":"Quito","expected":"Ecuador"}]') });
  await page.getByTestId('import-mode-replace').check();
  await expect(page.getByTestId('import-replace-note')).toBeVisible();
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('dataset-count')).toHaveText('1');
  await expect(cell(page, 0, 'input.city')).toHaveText('Quito');
  await expect(page.locator('[data-testid="dataset-cell"][data-row="1"]')).toHaveCount(0);
});

test('the first row of an empty dataset asks for its first variable, then opens its cell', async ({ page, user: _user }) => {
  await createDataset(page, 'From scratch');
  await page.getByTestId('empty-items').getByRole('button', { name: 'Add a row' }).click();
  await page.getByTestId('add-variable-name').fill('topic');
  await page.getByTestId('add-variable-name').press('Enter');
  await expect(page.getByTestId('cell-editor')).toBeFocused();
  await page.keyboard.type('volcanoes');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'input.topic')).toHaveText('volcanoes');
  await expect(page.getByTestId('dataset-count')).toHaveText('1');
  await page.reload();
  await expect(cell(page, 0, 'input.topic')).toHaveText('volcanoes');
});

test('a run goes into a new dataset from the run page, and the toast links to it', async ({ page, user: _user }) => {
  const api = page.request;
  const prompt = (await (await api.post('/api/v1/prompts', { data: { title: 'Explainer', userPrompt: 'Explain {{ topic }} to {{ audience }}.' } })).json()).data;
  const run = (await (await api.post('/api/v1/runs', { data: { promptId: prompt.id, variables: { topic: 'tides', audience: 'kids' }, cache: false } })).json()).data;
  await expect.poll(async () => (await (await api.get(`/api/v1/runs/${run.id}`)).json()).data.status, { timeout: 20_000 }).toBe('succeeded');
  const output = (await (await api.get(`/api/v1/runs/${run.id}`)).json()).data.output as string;

  await page.goto(`/runs/${run.id}`);
  await page.getByTestId('add-to-dataset').click();
  await expect(page.getByTestId('add-to-dataset-select')).toHaveValue('__new__');
  await page.getByTestId('add-to-dataset-name').fill('Explainer cases');
  await page.screenshot({ path: path.join(shots, 'add-to-dataset-1280.png') });
  await page.getByTestId('add-to-dataset-submit').click();
  await page.getByTestId('toast-link').click();
  await expect(page).toHaveURL(/\/datasets\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('dataset-name')).toHaveText('Explainer cases');
  await expect(cell(page, 0, 'input.topic')).toHaveText('tides');
  await expect(cell(page, 0, 'input.audience')).toHaveText('kids');
  await expect(cell(page, 0, 'expected')).toContainText(output.slice(0, 20));

  // The second time the existing dataset is offered first.
  await page.goto(`/runs/${run.id}`);
  await page.getByTestId('add-to-dataset').click();
  await expect(page.getByTestId('add-to-dataset-select')).not.toHaveValue('__new__');
  await page.getByTestId('add-to-dataset-submit').click();
  await expect(page.getByText('Added to Explainer cases')).toBeVisible();
  const list = (await (await api.get('/api/v1/datasets')).json()).data.items;
  expect(list).toHaveLength(1);
  expect(list[0].itemCount).toBe(2);
});

test('Settings: add a model price, see field errors, remove it', async ({ page, user: _user }) => {
  await page.goto('/settings');
  const panel = page.getByTestId('model-prices');
  await expect(panel).toContainText('No prices of your own');
  await panel.getByTestId('price-add').click();
  await expect(panel.getByText('Required').first()).toBeVisible();

  await page.getByTestId('price-provider').fill('ollama');
  await page.getByTestId('price-model').fill('llama3.1:8b');
  await page.getByTestId('price-inputPerMTok').fill('0.2');
  await page.getByTestId('price-outputPerMTok').fill('-1');
  await panel.getByTestId('price-add').click();
  // The API's field error lands under its field.
  await expect(page.locator('#price-outputPerMTok-error')).toContainText(/0 or more/i);
  await page.getByTestId('price-outputPerMTok').fill('0.6');
  await page.getByTestId('price-cacheWrite1hPerMTok').fill('0.45');
  await panel.getByTestId('price-add').click();
  await expect(panel.getByTestId('price-row')).toHaveCount(1);
  await expect(panel.getByTestId('price-row')).toContainText('llama3.1:8b');
  await expect(panel.getByTestId('price-row')).toContainText('$0.6');
  await expect(panel.getByTestId('price-row')).toContainText('$0.45');
  await panel.screenshot({ path: path.join(shots, 'settings-prices-1280.png') });

  await panel.getByTestId('price-delete').click();
  await expect(panel.getByTestId('price-row')).toHaveCount(0);
  await expect(panel).toContainText('No prices of your own');
});

test('datasets pages at 1280, 700 and 390 px, light and dark, with 10,000 items in the grid', async ({ page, user: _user }) => {
  const api = page.request;
  const dataset = (await (await api.post('/api/v1/datasets', { data: { name: 'Customer support tickets with a long name to test truncation', description: 'Real tickets from the last quarter, anonymised.' } })).json()).data;
  await api.post('/api/v1/datasets', { data: { name: 'Summaries' } });
  const items = Array.from({ length: 10_000 }, (_, i) => ({
    input: { ticket: `Ticket ${i + 1}: my order arrived damaged and the box was open, what can I do about it? `.repeat(i % 3 === 0 ? 3 : 1), tone: i % 2 ? 'calm' : 'angry' },
    expected: i % 4 === 0 ? { action: 'refund', priority: i % 3 } : 'Apologise and offer a replacement',
    metadata: { source: 'email' },
  }));
  expect((await api.post(`/api/v1/datasets/${dataset.id}/items`, { data: { items } })).status()).toBe(201);

  for (const [theme, width] of [['light', 1280], ['light', 390], ['light', 700], ['dark', 1280], ['dark', 390]] as const) {
    await page.setViewportSize({ width, height: width > 600 ? 800 : 844 });
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/datasets');
    await expect(page.getByTestId('dataset-row')).toHaveCount(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `/datasets scrolls sideways at ${width}`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: path.join(shots, `datasets-${theme}-${width}.png`), fullPage: true });
    await page.goto(`/datasets/${dataset.id}`);
    await expect(cell(page, 0, 'input.ticket')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `the dataset page scrolls sideways at ${width}`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: path.join(shots, `dataset-${theme}-${width}.png`) });
  }

  // The import dialog on a phone: mapping rows stack, the preview scrolls inside itself.
  await page.getByTestId('dataset-import').click();
  await page.getByTestId('import-file-input').setInputFiles({ name: 'cases.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'import-dialog-dark-390.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toBeHidden();

  // The phone menu lists the new pages.
  await page.getByTestId('mobile-menu').click();
  await expect(page.getByTestId('mobile-nav-experiments')).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'menu-dark-390.png') });
  await page.getByTestId('mobile-nav-datasets').click();
  await expect(page).toHaveURL(/\/datasets$/);
  await page.goto(`/datasets/${dataset.id}`);

  // Virtualised: 10,000 rows, a few dozen in the DOM; Ctrl+End reaches the last one once every page is in.
  await expect(page.getByTestId('dataset-grid')).toHaveAttribute('aria-rowcount', '10001', { timeout: 20_000 });
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByTestId('dataset-grid')).toBeVisible();
  expect(await page.locator('[role="row"]').count()).toBeLessThan(80);
  await cell(page, 0, 'input.tone').click();
  await page.getByTestId('cell-editor').press('Escape');
  await page.keyboard.press('Control+End');
  await expect(page.locator('[data-testid="dataset-cell"][data-row="9999"]').first()).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'dataset-end-1280.png') });
});
