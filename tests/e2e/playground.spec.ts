import { EditorPage } from './pages/editor-page';
import { PlaygroundPage } from './pages/playground-page';
import { PromptsPage } from './pages/prompts-page';
import { expect, test } from './fixtures';
import { fakeLlmUrl } from '../../playwright.config';

const MINI = 'openai/gpt-4o-mini';
const HAIKU = 'anthropic/claude-haiku-4-5';

test.beforeEach(async ({ request }) => {
  await request.post(`${fakeLlmUrl}/__control/configure`, { data: { ttftMs: 150, chunkDelayMs: 40 } });
});
test.afterEach(async ({ request }) => {
  await request.post(`${fakeLlmUrl}/__control/reset`);
});

test('edit, run the draft on two models side by side, compare, save the winner, and lose nothing on reload', async ({ page, context, user: _user }) => {
  // Reloading with a draft asks the browser's "Leave site?" question: answered yes (the draft is kept anyway).
  page.on('dialog', (dialog) => void dialog.accept());
  const play = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await new PromptsPage(page).create({ title: 'Playground', template: 'Summarise {{ text }} in one line' });
  await editor.waitLoaded();
  await expect(play.summary()).toContainText('Runs version 1 on');

  // Edit: the panel says the unsaved edits will run, on both models.
  await play.setUserPrompt('Summarise {{ text }} in one short line');
  await play.setTarget(0, 'openai', 'gpt-4o-mini');
  await play.setTarget(1, 'anthropic', 'claude-haiku-4-5');
  await expect(play.summary()).toHaveText(`Runs your unsaved edits on ${MINI} and ${HAIKU}`);
  await play.panel().getByTestId('run-overrides-toggle').click();
  await play.panel().getByTestId('run-param-temperature').fill('0.2');
  await expect(play.panel().getByTestId('run-param-override-temperature')).toHaveText('overrides the default');
  await play.panel().getByTestId('run-param-temperature').fill('');
  await play.fillVariable('text', 'the tide comes in twice a day');

  // Ctrl+Enter from inside the editor runs what is on screen.
  await page.getByTestId('user-prompt-editor').locator('.cm-content, textarea').first().click();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(play.results()).toHaveCount(2);
  await play.expectSucceeded(MINI);
  await play.expectSucceeded(HAIKU);
  for (const target of [MINI, HAIKU]) {
    await expect(play.result(target).getByTestId('run-output')).toContainText('Echo: Summarise the tide comes in twice a day in one short line');
    await expect(play.result(target).getByTestId('run-version-label')).toHaveText('draft');
  }
  // Nothing important below the fold: both outputs are on screen at 1280×800.
  await expect(play.result(MINI)).toBeInViewport();
  await expect(play.result(HAIKU)).toBeInViewport();
  // The page itself never scrolls at 1280×800: each side scrolls on its own.
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(800);
  await play.shot('desktop-two-models');

  // Save the winner: the run's template becomes version 2, and the editor is at version 2 again.
  await play.result(HAIKU).getByTestId('run-save-version').click();
  await expect(play.result(HAIKU).getByTestId('run-version-label')).toContainText('saved as v2');
  await expect(play.summary()).toContainText('Runs version 2 on');
  await expect(play.panel().getByTestId('run-source')).toContainText('v2 (current)');

  // Compare the two outputs on the compare page.
  await play.page.getByTestId('run-compare-outputs').click();
  await expect(page).toHaveURL(/\/runs\/compare\?ids=/);
  await expect(page.getByTestId('compare-columns')).toContainText('Echo: Summarise the tide');
  await expect(page.getByTestId('compare-metrics')).toContainText('claude-haiku-4-5');
  await play.shot('desktop-compare-outputs');
  await page.goBack();
  await editor.waitLoaded();

  // A second draft, run on one model, differs in output: compared from the history, with a word diff.
  await play.setUserPrompt('Describe {{ text }} in one line');
  await play.fillVariable('text', 'the tide comes in twice a day');
  // The two models are remembered across the trip to the compare page; this time one is enough.
  await expect(play.summary()).toHaveText(`Runs your unsaved edits on ${MINI} and ${HAIKU}`);
  await play.panel().getByTestId('run-remove-target-1').click();
  await page.getByTestId('run-button').click();
  await expect(play.results()).toHaveCount(1);
  await expect(play.results().getByTestId('run-status')).toHaveText(/succeeded/i, { timeout: 20_000 });
  await play.tab('history');
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('draft');
  await rows.nth(0).getByTestId('run-select').check();
  await rows.nth(1).getByTestId('run-select').check();
  await play.shot('desktop-history-selected');
  await page.getByTestId('compare-runs').click();
  // Leaving with a draft asks first, and says the draft is kept.
  await expect(page.getByRole('alertdialog').or(page.getByRole('dialog'))).toContainText('offered back');
  await page.getByTestId('confirm-discard').click();
  await expect(page).toHaveURL(/\/runs\/compare\?ids=/);
  await expect(page.getByTestId('compare-columns').locator('[data-diff="added"]').first()).toBeVisible();
  await play.shot('desktop-compare-diff');

  // Reload: the unsaved second draft is offered back.
  await page.goBack();
  await page.reload();
  await expect(page.getByTestId('draft-restore-banner')).toBeVisible();
  await page.getByTestId('draft-restore').click();
  await expect(page.getByTestId('user-prompt-editor')).toContainText('Describe {{ text }} in one line');
  await expect(play.summary()).toContainText('Runs your unsaved edits');

  // Close the tab and open the prompt again: still there.
  const url = page.url();
  await page.close();
  const again = await context.newPage();
  await again.goto(url);
  await expect(again.getByTestId('draft-restore-banner')).toBeVisible();
  await again.getByTestId('draft-restore').click();
  await expect(again.getByTestId('user-prompt-editor')).toContainText('Describe {{ text }} in one line');
  await again.screenshot({ path: '/tmp/shots/h5a/desktop-restored.png' });
});

test('links: ?version, ?compare and ?fromRun open what they name', async ({ page, user: _user }) => {
  const play = new PlaygroundPage(page);
  const editor = new EditorPage(page);
  await new PromptsPage(page).create({ title: 'Links', template: 'Hello {{ name }}' });
  await editor.waitLoaded();
  await play.setUserPrompt('Hello there {{ name }}');
  await editor.saveWithShortcut('second');
  await expect(editor.versionRow(2)).toBeVisible();
  const path = new URL(page.url()).pathname;

  await page.goto(`${path}?compare=1..2`);
  await expect(page.getByTestId('diff-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/compare=/);

  await page.goto(`${path}?version=1`);
  await expect(play.summary()).toContainText('Runs version 1 on');
  await expect(page.getByTestId('user-prompt-editor')).toContainText('Hello {{ name }}');

  // A run of version 1 with name=Ada, reopened with its inputs.
  await play.setTarget(0, 'openai', 'gpt-4o-mini');
  await play.fillVariable('name', 'Ada');
  await page.getByTestId('run-button').click();
  const runId = await play.results().first().getAttribute('data-run-id');
  await page.goto(`${path}?fromRun=${runId}`);
  await expect(play.panel().getByTestId('run-variable-name')).toHaveValue('Ada');
  await expect(play.panel().getByTestId('run-model')).toHaveValue('gpt-4o-mini');
  await expect(play.summary()).toHaveText(`Runs version 1 on ${MINI}`);
  await expect(page).not.toHaveURL(/fromRun=/);
});

test.describe('at a phone width', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('stacks the editor over the outputs of two models, without scrolling sideways', async ({ page, user: _user }) => {
    const play = new PlaygroundPage(page);
    await new PromptsPage(page).create({ title: 'Phone', template: 'Tell me about {{ topic }}' });
    await new EditorPage(page).waitLoaded();
    await expect(page.getByTestId('playground-stacked')).toBeVisible();
    await play.setUserPrompt('Tell me briefly about {{ topic }}');
    await play.setTarget(0, 'openai', 'gpt-4o-mini');
    await play.setTarget(1, 'anthropic', 'claude-haiku-4-5');
    await play.fillVariable('topic', 'otters');
    await play.shot('phone-panel');
    await page.getByTestId('run-button').click();
    await play.expectSucceeded(MINI);
    await play.expectSucceeded(HAIKU);
    await play.result(MINI).scrollIntoViewIfNeeded();
    await play.noHorizontalScroll();
    await play.shot('phone-outputs');
    await page.screenshot({ path: '/tmp/shots/h5a/phone-full.png', fullPage: true });
    // Dark mode is a class on <html>: the cards and marks stay readable.
    await page.evaluate(() => document.documentElement.classList.add('dark'));
    await play.shot('phone-outputs-dark');
  });
});
