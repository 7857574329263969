import path from 'node:path';
import type { Page } from '@playwright/test';
import { EditorPage } from './pages/editor-page';
import { PromptsPage } from './pages/prompts-page';
import { expect, test } from './fixtures';
import { fakeLlmUrl } from '../../playwright.config';

const shots = process.env.PRICES_SHOTS_DIR ?? '/tmp/shots';

test.afterEach(async ({ request }) => {
  await request.post(`${fakeLlmUrl}/__control/reset`);
});

async function runInEditor(page: Page, { provider, model }: { provider: string; model: string }) {
  const editor = new EditorPage(page);
  await new PromptsPage(page).create({ title: `Priced ${model}`, template: 'Describe {{ thing }} briefly' });
  await editor.waitLoaded();
  const panel = page.getByTestId('run-panel');
  await panel.getByTestId('run-variable-thing').fill('a lighthouse');
  await panel.getByTestId('run-provider').selectOption(provider);
  await panel.getByTestId('run-model').fill(model);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i);
  await page.getByTestId('run-open-link').click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  return page.getByTestId('run-cost-card');
}

async function shoot(page: Page, name: string) {
  for (const [theme, width] of [['light', 1280], ['dark', 1280], ['light', 390], ['dark', 390]] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(shots, `prices-${name}-${theme}-${width}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a run page explains its cost: each token class × its rate, the total, and the table entry it came from', async ({ page, request, user: _user }) => {
  // On top of the prompt's words: 4,000 cache reads, 3,000 writes of which 1,000 with the 1-hour lifetime.
  await request.post(`${fakeLlmUrl}/__control/configure`, { data: { cachedInputTokens: 4000, cacheWriteTokens: 3000, cacheWrite1hTokens: 1000 } });
  const card = await runInEditor(page, { provider: 'anthropic', model: 'claude-opus-5-5' });

  // claude-opus-5-5: $4 input, cache reads $0.20 (0.05×), 5-minute writes $5 (1.25×), 1-hour writes $8 (2×).
  await expect(card.getByTestId('cost-line-cachedInput')).toContainText('Cached input');
  // 4,000 × $0.20 / 1e6 = $0.0008
  await expect(card.getByTestId('cost-line-cachedInput')).toContainText('4,000 × $0.20 / MTok');
  await expect(card.getByTestId('cost-line-cachedInput')).toContainText('$0.0008');
  // 2,000 × $5 / 1e6 = $0.01
  await expect(card.getByTestId('cost-line-cacheWrite')).toContainText('Cache writes (5 min)');
  await expect(card.getByTestId('cost-line-cacheWrite')).toContainText('2,000 × $5.00 / MTok');
  await expect(card.getByTestId('cost-line-cacheWrite')).toContainText('$0.01');
  // 1,000 × $8 / 1e6 = $0.008
  await expect(card.getByTestId('cost-line-cacheWrite1h')).toContainText('Cache writes (1 hour)');
  await expect(card.getByTestId('cost-line-cacheWrite1h')).toContainText('1,000 × $8.00 / MTok');
  await expect(card.getByTestId('cost-line-cacheWrite1h')).toContainText('$0.008');
  await expect(card.getByTestId('cost-line-input')).toContainText('× $4.00 / MTok');
  await expect(card.getByTestId('cost-line-output')).toContainText('× $20.00 / MTok');
  // The prompt "Describe a lighthouse briefly" is 4 words, the echo 5: 4 × $4 + 4,000 × $0.20 + 2,000 × $5 + 1,000 × $8
  // + 5 × $20 = 16 + 800 + 10,000 + 8,000 + 100 = 18,916 micro-dollars.
  await expect(card.getByTestId('cost-line-input')).toContainText('$0.000016');
  await expect(card.getByTestId('cost-line-output')).toContainText('$0.0001');
  await expect(card.getByTestId('run-cost')).toHaveText('$0.018916');
  await expect(card.getByTestId('run-cost-estimate')).toHaveCount(0);

  const source = card.getByTestId('run-price-source');
  await expect(source).toHaveAttribute('data-kind', 'table');
  await expect(source).toContainText(/Price table \S+ · claude-opus-5-5 from 2026-09-22/);
  await expect(source).toContainText(/checked \d{4}-\d{2}-\d{2}/);
  await expect(card.getByTestId('run-price-source-link')).toHaveAttribute('href', /^https:\/\/platform\.claude\.com\//);
  await shoot(page, 'run-breakdown');
});

test('a run without reported usage is marked as an estimate', async ({ page, request, user: _user }) => {
  await request.post(`${fakeLlmUrl}/__control/configure`, { data: { usage: 'omit' } });
  const card = await runInEditor(page, { provider: 'openai', model: 'gpt-4o-mini' });
  await expect(card.getByTestId('run-cost-estimate')).toContainText('Estimate — the provider reported no usage; tokens were counted.');
  // gpt-4o-mini is no reasoning model: its count is the whole output.
  await expect(card.getByTestId('run-cost-estimate')).not.toContainText('reasoning');
  // Counted, not reported: "Describe a lighthouse briefly" is 11 tokens with the chat framing, the reply 6. 11 × $0.15
  // / 1e6 = $0.00000165 and 6 × $0.60 / 1e6 = $0.0000036, total $0.00000525.
  await expect(card.getByTestId('cost-line-input')).toContainText('11 × $0.15 / MTok');
  await expect(card.getByTestId('cost-line-input')).toContainText('$0.00000165');
  await expect(card.getByTestId('cost-line-output')).toContainText('6 × $0.60 / MTok');
  await expect(card.getByTestId('run-cost')).toHaveText('$0.00000525');
  await shoot(page, 'run-estimate');
});

test('a model that retires soon is warned of in the editor and the run panel, with a switch to its replacement', async ({ page, request, user: _user }) => {
  await request.post(`${fakeLlmUrl}/__control/configure`, { data: { models: ['gpt-5', 'gpt-4o-mini'] } });
  const editor = new EditorPage(page);
  await new PromptsPage(page).create({ title: 'Retiring', template: 'Hello {{ name }}' });
  await editor.waitLoaded();
  await page.getByTestId('model-provider').selectOption('openai');
  await page.getByTestId('model-name').fill('gpt-5');

  // gpt-5 shuts down on 2026-12-11: "in N days" before then, retired after; either way the editor says so.
  const warning = page.getByTestId('model-warning');
  await expect(warning).toHaveAttribute('role', 'status');
  await expect(warning).toContainText(/shuts gpt-5 down on 2026-12-11|was shut down/);
  // The suggestion list marks it too (the endpoint lists gpt-5).
  await expect(page.locator('#model-name-suggestions option[value="gpt-5"]')).toHaveAttribute('label', /retire(s|d) 2026-12-11/);

  const panel = page.getByTestId('run-panel');
  await panel.getByTestId('run-provider').selectOption('openai');
  await panel.getByTestId('run-model').fill('gpt-5');
  await expect(panel.getByTestId('run-model-warning')).toContainText(/shuts gpt-5 down on 2026-12-11|was shut down/);
  await shoot(page, 'editor-warning');

  // One click moves the version to the replacement, and the warning goes.
  await warning.getByTestId('model-warning-switch').click();
  await expect(page.getByTestId('model-name')).not.toHaveValue('gpt-5');
  await expect(page.getByTestId('model-warning')).toHaveCount(0);
  await panel.getByTestId('run-model-warning-switch').click();
  await expect(panel.getByTestId('run-model')).not.toHaveValue('gpt-5');
  await expect(panel.getByTestId('run-model-warning')).toHaveCount(0);
});
