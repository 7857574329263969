import fs from 'node:fs';
import { EditorPage } from './pages/editor-page';
import { PlaygroundPage } from './pages/playground-page';
import { expect, signUpNewUser, test } from './fixtures';

// Screenshots to look at: SHOTS_DIR=/tmp/shots/<name> npx playwright test tests/e2e/sample-prompt.spec.ts
const shots = process.env.SHOTS_DIR ?? '.data/test-results/screens/sample';
fs.mkdirSync(shots, { recursive: true });

const LOCAL = 'local/promptlab-local';

test('the empty list offers a sample prompt that opens in the editor and runs with its defaults, no key needed', async ({ page, user: _user }) => {
  await expect(page.getByTestId('empty-prompts')).toBeVisible();
  await page.screenshot({ path: `${shots}/empty-desktop.png` });
  await page.getByTestId('try-sample-prompt').click();
  await expect(page).toHaveURL(/\/prompts\/[0-9a-f-]{36}$/);

  const editor = new EditorPage(page);
  const play = new PlaygroundPage(page);
  await editor.waitLoaded();
  await expect(editor.systemPrompt()).toContainText('Acme Notes');
  await expect(editor.userPrompt()).toContainText('{{message}}');
  await page.getByTestId('user-prompt-editor').locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+Enter');
  await play.expectSucceeded(LOCAL);
  await expect(play.result(LOCAL).getByTestId('run-output')).toContainText('charged twice');
  await page.screenshot({ path: `${shots}/sample-run-desktop.png` });

  // Its saved input set came with it, and a second click later finds the same prompt instead of a copy.
  const id = editor.promptId();
  const sets = (await (await page.request.get(`/api/v1/prompts/${id}/input-sets`)).json()).data;
  expect(sets.map((s: { name: string }) => s.name)).toEqual(['Upset customer, short reply']);
  const again = await page.request.post('/api/v1/prompts/sample');
  expect(again.status()).toBe(200);
  expect((await again.json()).data.id).toBe(id);
  await page.goto('/prompts');
  await expect(page.getByTestId('prompt-card')).toHaveCount(1);
});

test('the empty state and its two buttons fit a phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signUpNewUser(page);
  await expect(page.getByTestId('try-sample-prompt')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${shots}/empty-phone.png`, fullPage: true });
  await page.getByTestId('try-sample-prompt').click();
  await expect(page).toHaveURL(/\/prompts\/[0-9a-f-]{36}$/);
  await new EditorPage(page).waitLoaded();
  await page.screenshot({ path: `${shots}/sample-phone.png` });
  await context.close();
});
