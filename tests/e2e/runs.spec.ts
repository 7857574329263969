import { EditorPage } from './pages/editor-page';
import { PromptsPage } from './pages/prompts-page';
import { expect, test } from './fixtures';
import { fakeLlmUrl } from '../../playwright.config';

// Slow the fake provider down for these tests so a partial output is observable on a busy machine.
test.beforeEach(async ({ request }) => {
  await request.post(`${fakeLlmUrl}/__control/configure`, { data: { ttftMs: 300, chunkDelayMs: 200 } });
});
test.afterEach(async ({ request }) => {
  await request.post(`${fakeLlmUrl}/__control/reset`);
});

test('runs a prompt from the editor, streams the output, and lists it in the history', async ({ page, user: _user }) => {
  const editor = new EditorPage(page);
  await new PromptsPage(page).create({ title: 'Streamer', template: 'Describe {{ thing }} in a few words please' });
  await editor.waitLoaded();

  const panel = page.getByTestId('run-panel');
  await panel.getByTestId('run-variable-thing').fill('the sea at night');
  await panel.getByTestId('run-provider').selectOption('openai');
  await panel.getByTestId('run-model').fill('gpt-4o-mini');
  await panel.getByTestId('run-variable-thing').press('ControlOrMeta+Enter');

  // The fake provider sends one word every 200 ms after 300 ms: the text grows before the run ends.
  const output = page.getByTestId('run-output');
  await expect(output).toContainText('Echo:');
  const partial = (await output.textContent()) ?? '';
  await expect(page.getByTestId('run-status')).toHaveText(/running/i);
  await expect(output).toContainText('Echo: Describe the sea at night in a few words please');
  expect(partial.length).toBeLessThan('Echo: Describe the sea at night in a few words please'.length);
  await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i);
  await expect(page.getByTestId('run-tokens')).toContainText(/\d/);
  await expect(page.getByTestId('run-cost')).toContainText('$');
  await expect(page.getByTestId('run-latency')).toContainText(/\d/);
  await expect(page.getByTestId('run-ttft')).toContainText(/\d/);
  await page.screenshot({ path: '.data/test-results/screens/run-panel.png', fullPage: true });

  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('run-row').first()).toContainText('gpt-4o-mini');
  await page.getByTestId('tab-output').click();

  // Same request again: served from the cache.
  await panel.getByTestId('run-variable-thing').press('ControlOrMeta+Enter');
  await expect(page.getByTestId('run-cached-badge')).toBeVisible();

  await page.goto('/runs');
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  // The Prompt column comes with each run; the page fetches no prompt list.
  await expect(page.getByTestId('run-row').first()).toContainText('Streamer');
  await page.screenshot({ path: '.data/test-results/screens/runs.png', fullPage: true });
  await page.getByTestId('run-row').last().click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('run-messages')).toContainText('Describe the sea at night');
  await expect(page.getByTestId('run-output')).toContainText('Echo: Describe the sea at night');
});

test('cancels a run in flight at once', async ({ page, user: _user }) => {
  const editor = new EditorPage(page);
  await new PromptsPage(page).create({ title: 'Long answer', template: 'Describe {{ thing }} in many many words please' });
  await editor.waitLoaded();
  const panel = page.getByTestId('run-panel');
  await panel.getByTestId('run-variable-thing').fill('a very slow river');
  await panel.getByTestId('run-provider').selectOption('openai');
  await panel.getByTestId('run-model').fill('gpt-4o-mini');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-output')).toContainText('Echo:');
  await page.getByTestId('run-cancel').click();
  await expect(page.getByTestId('run-status')).toHaveText(/canceled/i);
  await expect(page.getByTestId('run-cancel')).toHaveCount(0);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('run-row').first()).toHaveAttribute('data-status', 'canceled');
});

test('runs the built-in local model with no keys', async ({ page, user: _user }) => {
  const editor = new EditorPage(page);
  await new PromptsPage(page).create({ title: 'Local', template: 'Say hello to {{ name }}' });
  await editor.waitLoaded();
  const panel = page.getByTestId('run-panel');
  await panel.getByTestId('run-provider').selectOption('local');
  await panel.getByTestId('run-variable-name').fill('Ada');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i);
  await expect(page.getByTestId('run-output')).not.toBeEmpty();
  await expect(page.getByTestId('run-cost')).toContainText('$0');
});

test('says which settings Anthropic does not receive', async ({ page, user: _user }) => {
  const editor = new EditorPage(page);
  await new PromptsPage(page).create({ title: 'Params', template: 'Hi {{ name }}' });
  await editor.waitLoaded();
  const panel = page.getByTestId('run-panel');
  await panel.getByTestId('run-provider').selectOption('anthropic');
  await expect(panel.getByTestId('run-param-note-temperature')).toHaveText('Not sent to Anthropic');
  await expect(panel.getByTestId('run-param-note-topP')).toHaveText('Not sent to Anthropic');
  await expect(panel.getByTestId('run-param-note-maxTokens')).toHaveCount(0);
  await panel.getByTestId('run-provider').selectOption('openai');
  await expect(panel.getByTestId('run-param-note-temperature')).toHaveCount(0);
});

test('says so when an answer was cut off at the output limit', async ({ page, request, user: _user }) => {
  // One unbroken 210,000-character "word", past the default 200,000-character output cap.
  await request.post(`${fakeLlmUrl}/__control/configure`, { data: { reply: 'x'.repeat(210_000), ttftMs: 0, chunkDelayMs: 0 } });
  const api = page.request;
  const prompt = await (await api.post('/api/v1/prompts', { data: { title: 'Verbose', userPrompt: 'Talk {{ x }}' } })).json();
  const run = await (await api.post('/api/v1/runs', { data: { promptId: prompt.data.id, variables: { x: '1' }, provider: 'openai', model: 'gpt-4o-mini', cache: false } })).json();
  await expect.poll(async () => (await (await api.get(`/api/v1/runs/${run.data.id}`)).json()).data.status, { timeout: 20_000 }).toBe('succeeded');
  await page.goto(`/runs/${run.data.id}`);
  await expect(page.getByTestId('run-output-truncated')).toBeVisible();
});
