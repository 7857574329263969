import { EditorPage } from './pages/editor-page';
import { PromptsPage } from './pages/prompts-page';
import { expect, test } from './fixtures';

test('a save on a stale base offers reload, compare and save anyway', async ({ page, user: _user }) => {
  const editor = new EditorPage(page);
  await new PromptsPage(page).create({ title: 'Shared', template: 'Hello {{ name }}' });
  await editor.waitLoaded();
  const id = editor.promptId();
  // Someone else (here: the API) saves version 2 while this draft is being edited from version 1.
  const saveElsewhere = async (userPrompt: string) =>
    expect((await page.request.post(`/api/v1/prompts/${id}/versions`, { data: { userPrompt, notes: 'elsewhere' } })).status()).toBe(201);

  await editor.userPrompt().fill('Hello {{ name }}, from my draft');
  await saveElsewhere('Hello {{ name }}, from elsewhere');
  await editor.saveWithShortcut('mine');
  const dialog = page.getByTestId('stale-base-dialog');
  await expect(dialog).toContainText('Version 2 was saved meanwhile');
  await expect(editor.versionRow(2)).toBeVisible();

  // Compare shows what changed between the draft's base and the version saved meanwhile.
  await dialog.getByTestId('stale-base-compare').click();
  await expect(page.getByTestId('diff-view').getByTestId('diff-added-line').filter({ hasText: 'from elsewhere' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(editor.userPrompt()).toHaveText('Hello {{ name }}, from my draft');

  // Reload discards the draft and continues from version 2.
  await editor.saveWithShortcut('mine');
  await dialog.getByTestId('stale-base-reload').click();
  await expect(dialog).toBeHidden();
  await expect(editor.userPrompt()).toHaveText('Hello {{ name }}, from elsewhere');
  await expect(page.getByTestId('current-version-badge')).toHaveText('v2');

  // Save anyway keeps the draft as the next version.
  await editor.userPrompt().fill('Hello {{ name }}, mine after all');
  await saveElsewhere('Hello {{ name }}, third');
  await editor.saveWithShortcut('mine anyway');
  await expect(dialog).toContainText('Version 3 was saved meanwhile');
  await page.screenshot({ path: '.data/test-results/screens/stale-base.png' });
  await dialog.getByTestId('stale-base-save-anyway').click();
  await expect(editor.versionRow(4)).toContainText('mine anyway');
  await expect(page.getByTestId('current-version-badge')).toHaveText('v4');
  await expect(page.getByTestId('unsaved-indicator')).toHaveCount(0);
  const latest = (await (await page.request.get(`/api/v1/prompts/${id}/versions/4`)).json()).data;
  expect(latest.userPrompt).toBe('Hello {{ name }}, mine after all');
});

test('the version history loads older versions on demand and opens one by number', async ({ page, user: _user }) => {
  const editor = new EditorPage(page);
  await new PromptsPage(page).create({ title: 'Long history', template: 'Version one {{ x }}' });
  await editor.waitLoaded();
  const id = editor.promptId();
  for (let n = 2; n <= 55; n++) {
    const res = await page.request.post(`/api/v1/prompts/${id}/versions`, { data: { userPrompt: `Version ${n} {{ x }}`, notes: `v${n}` } });
    expect(res.status()).toBe(201);
  }
  await page.reload();
  await expect(editor.versionRow(55)).toBeVisible();
  await expect(editor.versionRow(6)).toBeVisible();
  // A page of summaries: the oldest versions wait for "Load older versions".
  await expect(editor.versionRow(5)).toHaveCount(0);
  await page.getByTestId('versions-load-more').click();
  await expect(editor.versionRow(1)).toBeVisible();
  await expect(page.getByTestId('versions-load-more')).toHaveCount(0);

  // The summary carries no template: opening a version fetches it in full.
  await editor.versionRow(1).click();
  await expect(page.getByTestId('readonly-banner')).toContainText('Viewing version 1');
  await expect(editor.userPrompt()).toHaveText('Version one {{ x }}');
  await page.goto(`/prompts/${id}?version=3`);
  await expect(editor.userPrompt()).toHaveText('Version 3 {{ x }}');
  await expect(editor.userPrompt()).not.toBeEditable();
});

test('validation errors from the API mark the fields they name', async ({ page, user: _user }) => {
  const prompts = new PromptsPage(page);
  await page.getByTestId('new-prompt').click();
  await page.getByTestId('new-prompt-title').fill('   ');
  await page.getByTestId('create-prompt').click();
  await expect(page.getByTestId('new-prompt-title')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('field-error-new-title-error')).toHaveText('Required');
  await expect(page.getByTestId('new-prompt-error')).toHaveCount(0);
  await page.keyboard.press('Escape');

  await prompts.create({ title: 'Details', template: 'Tell me about {{ topic }}' });
  const editor = new EditorPage(page);
  await editor.waitLoaded();

  // Edit details: shown at once, rolled back with the field marked when the server refuses.
  await page.getByTestId('edit-details').click();
  await page.getByLabel('Title').fill('Renamed');
  await page.getByLabel('Slug').fill('Not A Slug');
  await page.getByTestId('save-details').click();
  await expect(page.getByLabel('Slug')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('field-error-details-slug-error')).toContainText('lowercase');
  await expect(page.getByLabel('Slug')).toHaveValue('Not A Slug');
  await expect(page.getByTestId('prompt-title')).toHaveText('Details');
  await page.getByLabel('Slug').fill('renamed');
  await page.getByTestId('save-details').click();
  await expect(page.getByTestId('prompt-title')).toHaveText('Renamed');
  await expect(page.getByTestId('prompt-slug')).toHaveText('renamed');
  await page.screenshot({ path: '.data/test-results/screens/details-saved.png' });

  // Model settings: a value out of range is marked on its field after the save.
  await page.getByTestId('model-temperature').fill('7');
  await editor.saveWithShortcut('too hot');
  await expect(page.getByTestId('model-temperature')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('field-error-model-temperature-error')).toBeVisible();
  await expect(page.getByTestId('save-error')).toHaveCount(0);
  await page.getByTestId('model-temperature').fill('');

  // The run panel: a required variable left empty is marked by the API's answer, not by reading its message.
  const panel = page.getByTestId('run-panel');
  await panel.getByTestId('run-provider').selectOption('local');
  await panel.getByTestId('run-variable-topic').fill('');
  await page.getByTestId('run-button').click();
  await expect(panel.getByTestId('run-variable-topic')).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByTestId('run-variable-error-topic')).toBeVisible();
  await page.screenshot({ path: '.data/test-results/screens/field-errors.png', fullPage: true });
});
