import { EditorPage } from './pages/editor-page';
import { PromptsPage } from './pages/prompts-page';
import { expect, test } from './fixtures';

test('the template editor highlights, completes declared variables, counts, searches and leaves Ctrl+S to the page', async ({ page, user: _user }) => {
  const policyErrors: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) policyErrors.push(message.text());
  });
  const editor = new EditorPage(page);
  await new PromptsPage(page).create({ title: 'Greeter', template: 'Hello {{ name }}' });
  await editor.waitLoaded();
  const box = page.getByTestId('user-prompt-editor');
  await expect(box.locator('.cm-template-variable')).toHaveText('{{ name }}');

  await editor.userPrompt().click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' and {{ ');
  await expect(page.locator('.cm-tooltip-autocomplete')).toContainText('name');
  // CodeMirror ignores Enter on a completion within its interactionDelay (75 ms) of the last keystroke; under load
  // the list can appear inside that window, and Enter then types a newline.
  await page.waitForTimeout(200);
  await page.keyboard.press('Enter');
  await expect(editor.userPrompt()).toHaveText('Hello {{ name }} and {{ name }}');

  await page.keyboard.type(' {{ oops');
  await expect(box.locator('.cm-template-error')).toHaveText('{{');
  await expect(page.getByTestId('user-prompt-editor-errors')).toContainText('is not closed');
  await expect(page.getByTestId('user-prompt-editor-errors')).not.toContainText('`');
  for (let i = 0; i < ' {{ oops'.length; i++) await page.keyboard.press('Backspace');
  await expect(page.getByTestId('user-prompt-editor-errors')).toHaveCount(0);

  // Characters against the limit, and tokens once the tokenizer has loaded.
  await expect(page.getByTestId('user-prompt-editor-stats')).toHaveText(/^31 \/ 100,000 characters · \d+ tokens$/);

  await page.keyboard.press('ControlOrMeta+f');
  await expect(box.locator('.cm-search')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(box.locator('.cm-search')).toHaveCount(0);

  // Tab indents inside the editor; Escape then Tab moves on.
  await editor.userPrompt().click();
  await page.keyboard.press('Tab');
  await expect(editor.userPrompt()).toBeFocused();
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(editor.userPrompt()).not.toBeFocused();

  // Ctrl+S typed in the editor saves the version.
  await page.getByTestId('version-notes').fill('second name');
  await editor.userPrompt().click();
  await page.keyboard.press('ControlOrMeta+s');
  await expect(editor.versionRow(2)).toContainText('second name');
  expect(policyErrors).toEqual([]);
});
