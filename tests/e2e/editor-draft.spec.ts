import { EditorPage } from './pages/editor-page';
import { PlaygroundPage } from './pages/playground-page';
import { PromptsPage } from './pages/prompts-page';
import { LoginPage } from './pages/login-page';
import { expect, signUpNewUser, test } from './fixtures';

const SHOTS = '/tmp/shots/h5b';
const PASSWORD = 'correct horse battery staple';

/** Waits for the autosave's PUT of the draft to be answered. */
const draftSaved = (page: import('@playwright/test').Page) =>
  page.waitForResponse((r) => r.url().endsWith('/draft') && r.request().method() === 'PUT' && r.ok());

test('a draft survives a reload and another device, and is gone once saved or discarded', async ({ page, browser }) => {
  const { email } = await signUpNewUser(page);
  const editor = new EditorPage(page);
  const play = new PlaygroundPage(page);
  await new PromptsPage(page).create({ title: 'Drafts', template: 'Summarise {{ text }}' });
  await editor.waitLoaded();
  await expect(page.getByTestId('draft-restore-banner')).toHaveCount(0);

  const saved = draftSaved(page);
  await play.setUserPrompt('Summarise {{ text }} in two lines');
  await saved;

  // Reload: offered back, and restored as typed.
  await page.reload();
  await editor.waitLoaded();
  await expect(page.getByTestId('draft-restore-title')).toHaveText(/^Restore draft from (a moment ago|\d+ seconds? ago)$/);
  await expect(editor.userPrompt()).toHaveText('Summarise {{ text }}');
  await page.screenshot({ path: `${SHOTS}/restore-banner.png` });
  await page.getByTestId('draft-restore').click();
  await expect(editor.userPrompt()).toHaveText('Summarise {{ text }} in two lines');
  await expect(page.getByTestId('unsaved-indicator')).toBeVisible();
  await expect(page.getByTestId('draft-restore-banner')).toHaveCount(0);

  // Another device (a fresh browser, no local copy): the server's draft is offered there too.
  const other = await browser.newContext();
  const second = await other.newPage();
  const login = new LoginPage(second);
  await login.goto();
  await login.signIn({ email, password: PASSWORD });
  await expect(second).toHaveURL(/\/prompts$/);
  await second.goto(page.url());
  await expect(second.getByTestId('draft-restore-banner')).toBeVisible();
  await second.getByTestId('draft-discard').click();
  await expect(second.getByTestId('draft-restore-banner')).toHaveCount(0);
  await other.close();

  // Saving a version deletes the draft: nothing to offer after the next reload.
  await editor.saveWithShortcut('two lines');
  await expect(editor.versionRow(2)).toBeVisible();
  await page.reload();
  await editor.waitLoaded();
  await expect(editor.userPrompt()).toHaveText('Summarise {{ text }} in two lines');
  await expect(page.getByTestId('draft-restore-banner')).toHaveCount(0);
});

test('chat templates, structured output and tools are edited with plain errors at the field', async ({ page, user: _user }) => {
  const editor = new EditorPage(page);
  const play = new PlaygroundPage(page);
  await new PromptsPage(page).create({ title: 'Chat', template: 'Classify {{ review }}' });
  await editor.waitLoaded();

  // System + user becomes [system, user]; a few-shot pair makes it a real chat that can't go back.
  await page.getByTestId('template-mode-chat').click();
  await expect(page.getByTestId('messages-editor')).toBeVisible();
  await expect(editor.message(1)).toHaveText('Classify {{ review }}');
  await play.setTemplate(page.getByTestId('message-0-editor'), 'Answer positive or negative.');
  await page.getByTestId('add-message').click();
  await play.setTemplate(page.getByTestId('message-2-editor'), 'positive');
  await page.getByTestId('add-message').click();
  await play.setTemplate(page.getByTestId('message-3-editor'), '{{ review }} and {{ tone }}');
  await expect(page.getByTestId('template-mode-simple')).toBeDisabled();

  // A schema that is not JSON says so at the field, and Save waits for it.
  await page.getByTestId('response-schema-example').click();
  await page.getByTestId('model-response-schema').fill('{ "type": "object", }');
  await expect(page.getByTestId('field-error-model-response-schema-error')).toContainText('This is not valid JSON');
  await expect(page.getByTestId('save-blocked')).toBeVisible();
  await expect(page.getByTestId('save-version')).toBeDisabled();
  await page.getByTestId('model-response-schema').fill('{ "type": "object", "properties": { "label": { "type": "string" } } }');
  await expect(page.getByTestId('field-error-model-response-schema-error')).toHaveCount(0);

  // Numbers typed are kept, with the reason beside them.
  await page.getByTestId('model-temperature').fill('2.5');
  await expect(page.getByTestId('field-error-model-temperature-error')).toHaveText('Between 0 and 2.');
  await expect(page.getByTestId('model-temperature')).toHaveValue('2.5');
  await page.getByTestId('model-temperature').fill('0.3');

  // A tool needs a name.
  await page.getByTestId('add-tool').click();
  await expect(page.getByTestId('model-tool-0-name')).toBeFocused();
  await expect(page.getByTestId('field-error-model-tool-0-name-error')).toHaveText('Required.');
  await page.getByTestId('model-tool-0-name').fill('lookup_order');
  await page.getByTestId('model-tool-0-description').fill('Finds an order by its number');
  // The editor column scrolls inside its pane: a viewport shot once the settings are in view.
  await page.getByTestId('response-schema-field').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/model-settings.png` });
  await page.evaluate(() => document.documentElement.classList.add('dark'));
  await page.screenshot({ path: `${SHOTS}/model-settings-dark.png` });
  await page.evaluate(() => document.documentElement.classList.remove('dark'));

  await editor.saveWithShortcut('few-shot');
  await expect(editor.versionRow(2)).toBeVisible();
  await page.reload();
  // Saved as a chat, it opens as one.
  await expect(page.getByTestId('messages-editor')).toBeVisible();
  await expect(editor.message(3)).toHaveText('{{ review }} and {{ tone }}');
  await expect(page.getByTestId('model-tool-0-name')).toHaveValue('lookup_order');
  await expect(page.getByTestId('model-response-schema-name')).toHaveValue('response');
});

test('Get code shows curl and TypeScript for the draft, and input sets refill the variables', async ({ page, user: _user }) => {
  const editor = new EditorPage(page);
  const play = new PlaygroundPage(page);
  await new PromptsPage(page).create({ title: 'Code', template: 'Translate {{ text }}' });
  await editor.waitLoaded();
  await play.fillVariable('text', "it's $5");

  // Input sets: save the values, change them, apply the set.
  await page.getByTestId('input-sets-menu').click();
  await page.getByTestId('input-sets-manage').click();
  await expect(page.getByTestId('input-set-name')).toBeFocused();
  await page.getByTestId('input-set-name').fill('dollars');
  await page.getByTestId('input-set-save').click();
  await expect(page.getByTestId('input-set-delete-dollars')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('input-sets-menu')).toBeFocused();
  await play.fillVariable('text', 'something else');
  await page.getByTestId('input-sets-menu').click();
  await page.getByTestId('input-set-apply-dollars').click();
  await expect(play.panel().getByTestId('run-variable-text')).toHaveValue("it's $5");

  // Get code for the saved version, then for the unsaved draft.
  await page.getByTestId('get-code').click();
  const dialog = page.getByTestId('get-code-dialog');
  await expect(dialog.getByTestId('get-code-snippet')).toContainText('curl');
  await expect(dialog.getByTestId('get-code-snippet')).toContainText(editor.promptId());
  await expect(dialog.getByTestId('get-code-tab-curl')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByTestId('get-code-snippet')).toContainText('fetch(');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('get-code')).toBeFocused();
  await play.setUserPrompt('Translate {{ text }} into French');
  await page.getByTestId('get-code').click();
  await expect(dialog.getByTestId('get-code-snippet')).toContainText('into French');
  await page.screenshot({ path: `${SHOTS}/get-code.png` });
  await page.keyboard.press('Escape');

  // Input sets can be deleted.
  await page.getByTestId('input-sets-menu').click();
  await page.getByTestId('input-sets-manage').click();
  await page.getByTestId('input-set-delete-dollars').click();
  await expect(page.getByTestId('input-set-delete-dollars')).toHaveCount(0);
});

test.describe('at a phone width', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the editor column fits without scrolling sideways', async ({ page, user: _user }) => {
    const editor = new EditorPage(page);
    await new PromptsPage(page).create({ title: 'Phone', template: 'Summarise {{ text }}' });
    await editor.waitLoaded();
    await page.getByTestId('template-mode-chat').click();
    await page.getByTestId('add-tool').click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/phone-editor.png`, fullPage: true });
  });
});
