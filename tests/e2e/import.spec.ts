import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { ImportDialogPage } from './pages/import-dialog-page';

// Screenshots to look at: SHOTS_DIR=/tmp/shots-h7 npx playwright test tests/e2e/import.spec.ts
const shots = process.env.SHOTS_DIR ?? '.data/test-results/screens/import';
fs.mkdirSync(shots, { recursive: true });
const langfuse = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/interop/langfuse/prompts.json'));

test('import Langfuse prompts: the preview shows what will be created and left out, nothing is written until Import', async ({ page, user: _user }) => {
  const importer = new ImportDialogPage(page);
  await importer.open();
  await importer.choose('langfuse-prompts.json', 'application/json', langfuse);
  await expect(page.getByTestId('interop-format')).toHaveValue('langfuse');
  await expect(page.getByTestId('import-created')).toContainText('Will create: 2 prompts, 3 versions, 3 labels');
  await expect(page.getByTestId('import-skipped')).toContainText('placeholder `history`');
  await page.screenshot({ path: path.join(shots, 'import-preview-1280.png'), fullPage: true });

  // The preview wrote nothing: the list behind the dialog is still empty.
  const list = await page.request.get('/api/v1/prompts');
  expect((await list.json()).data.items).toEqual([]);

  const imported = page.waitForResponse((res) => res.url().includes('/api/v1/import?') && res.url().includes('dryRun=false'));
  await page.getByTestId('interop-import').click();
  expect((await imported).status()).toBe(201);
  await expect(page.getByTestId('import-created')).toContainText('Created: 2 prompts');
  await page.screenshot({ path: path.join(shots, 'import-done-1280.png'), fullPage: true });
  await page.getByTestId('interop-done').click();
  await expect(page.getByTestId('prompt-card')).toHaveCount(2);
  await expect(page.getByTestId('prompt-list')).toContainText('movie-critic');

  // The same file again: everything is already here.
  await importer.open();
  await importer.choose('langfuse-prompts.json', 'application/json', langfuse);
  await expect(page.getByTestId('import-created')).toContainText('Will create: nothing');
  await expect(page.getByTestId('import-existing')).toContainText('2 prompts, 3 versions');
});

test('the import dialog fits a phone screen', async ({ page, user: _user }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const importer = new ImportDialogPage(page);
  await importer.open();
  await importer.choose('langfuse-prompts.json', 'application/json', langfuse);
  await expect(page.getByTestId('import-created')).toBeVisible();
  const box = await importer.dialog().boundingBox();
  expect(box && box.width <= 390).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: path.join(shots, 'import-preview-390.png'), fullPage: true });
});

test('a promptfoo config imports as prompts and a dataset, runs as an experiment, and a prompt exports as Markdown', async ({ page, user: _user }) => {
  const importer = new ImportDialogPage(page);
  await importer.open();
  await importer.choose('promptfooconfig.yaml', 'application/yaml', fs.readFileSync(path.join(import.meta.dirname, '../fixtures/interop/promptfoo/promptfooconfig.yaml')));
  await expect(page.getByTestId('interop-format')).toHaveValue('promptfoo');
  await expect(page.getByTestId('import-created')).toContainText('2 prompts');
  await expect(page.getByTestId('import-skipped')).toContainText('similar');
  await page.screenshot({ path: path.join(shots, 'import-promptfoo-preview-1280.png'), fullPage: true });
  await page.getByTestId('interop-import').click();
  await expect(page.getByTestId('import-created')).toContainText('Created: 2 prompts');
  await page.getByTestId('interop-run-experiment').click();
  await expect(page).toHaveURL(/\/experiments\/[0-9a-f-]{36}$/);

  await page.goto('/prompts');
  await page.getByTestId('prompt-card').filter({ hasText: 'triage-short' }).first().click();
  await expect(page).toHaveURL(/\/prompts\/[0-9a-f-]{36}$/);
  await page.getByTestId('export-prompt').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-prompt-markdown').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('triage-short.md');
  expect(fs.readFileSync(await file.path(), 'utf8')).toContain('Ticket: {{ticket}}');
});
