import { EditorPage } from './pages/editor-page';
import { PromptsPage } from './pages/prompts-page';
import { expect, signUpNewUser, test } from './fixtures';

test('starts from an empty state, creates prompts, searches and filters by tag', async ({ page, user: _user }) => {
  const prompts = new PromptsPage(page);
  await expect(page.getByTestId('empty-prompts')).toBeVisible();
  await prompts.create({ title: 'Support reply', tags: 'support, email' });
  await prompts.goto();
  await prompts.create({ title: 'Blog outline', tags: 'writing' });
  await prompts.goto();
  await expect(prompts.cards()).toHaveCount(2);

  await page.keyboard.press('/');
  await page.keyboard.type('support');
  await expect(prompts.cards()).toHaveCount(1);
  await expect(prompts.cards().first()).toContainText('Support reply');
  await page.getByTestId('prompt-search').fill('nothing like this');
  await expect(page.getByTestId('empty-search')).toBeVisible();
  await page.getByTestId('prompt-search').fill('');
  await page.getByTestId('tag-filter-writing').click();
  await expect(prompts.cards()).toHaveCount(1);
  await expect(prompts.cards().first()).toContainText('Blog outline');
});

test('edits a template, saves versions, views, restores and diffs them', async ({ page, user: _user }) => {
  const editor = new EditorPage(page);
  await new PromptsPage(page).create({ title: 'Summariser', template: 'Summarise {{ text }}' });
  await editor.waitLoaded();
  await expect(page.getByTestId('variable-chip-text')).toBeVisible();
  await expect(page.getByTestId('save-version')).toBeDisabled();

  await editor.userPrompt().fill('Summarise {{ text }} for {{ audience }}');
  await expect(page.getByTestId('variable-chip-audience')).toBeVisible();
  await expect(page.getByTestId('unsaved-indicator')).toBeVisible();
  await editor.saveWithShortcut('add audience');
  await expect(editor.versionRow(2)).toContainText('add audience');
  await expect(page.getByTestId('unsaved-indicator')).toHaveCount(0);

  await editor.versionRow(1).click();
  await expect(page.getByTestId('readonly-banner')).toContainText('1');
  await expect(editor.userPrompt()).toHaveText('Summarise {{ text }}');
  await expect(editor.userPrompt()).not.toBeEditable();
  await page.getByTestId('restore-version').click();
  await expect(editor.versionRow(3)).toContainText(/restored from v1/i);
  await expect(editor.userPrompt()).toHaveText('Summarise {{ text }}');
  await expect(editor.userPrompt()).toBeEditable();

  await page.getByTestId('compare-button').click();
  await page.getByTestId('diff-from').selectOption('2');
  await page.getByTestId('diff-to').selectOption('3');
  const diff = page.getByTestId('diff-view');
  await expect(diff.getByTestId('diff-removed-line').filter({ hasText: 'audience' })).toBeVisible();
  await expect(diff.getByTestId('diff-added-line').filter({ hasText: 'Summarise {{ text }}' })).toBeVisible();
  await page.screenshot({ path: '.data/test-results/screens/diff.png' });
  await page.keyboard.press('Escape');

  // The API agrees with what the page shows.
  const id = page.url().split('/').pop();
  const res = await page.request.get(`/api/v1/prompts/${id}/versions`);
  const versions = (await res.json()).data.items as { versionNumber: number; restoredFrom: number | null }[];
  expect(versions.map((v) => [v.versionNumber, v.restoredFrom])).toEqual([[3, 1], [2, null], [1, null]]);
});

test('warns before unsaved changes are lost', async ({ page, user: _user }) => {
  const editor = new EditorPage(page);
  await new PromptsPage(page).create({ title: 'Guarded', template: 'Hello {{ name }}' });
  await editor.waitLoaded();
  await editor.userPrompt().fill('Hello {{ name }}, welcome back');
  await page.getByRole('link', { name: 'Prompts', exact: true }).first().click();
  await expect(page.getByTestId('confirm-discard')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\/prompts\/[0-9a-f-]{36}$/);
  await expect(editor.userPrompt()).toHaveText('Hello {{ name }}, welcome back');
  await page.getByRole('link', { name: 'Prompts', exact: true }).first().click();
  await page.getByTestId('confirm-discard').click();
  await expect(page).toHaveURL(/\/prompts$/);
});

test('shows another workspace’s prompt as not found', async ({ browser }) => {
  const owner = await browser.newPage();
  await signUpNewUser(owner, 'Owner');
  await new PromptsPage(owner).create({ title: 'Private thoughts' });
  const url = owner.url();
  const stranger = await browser.newPage();
  await signUpNewUser(stranger, 'Stranger');
  const page = await stranger.goto(url);
  // Indistinguishable from a missing prompt: the same branded 404.
  expect(page?.status()).toBe(404);
  await expect(stranger.getByTestId('not-found')).toContainText('Nothing here');
  const res = await stranger.request.get(`/api/v1/prompts/${url.split('/').pop()}`);
  expect(res.status()).toBe(404);
});
