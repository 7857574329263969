import fs from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { ExperimentPage } from './pages/experiment-page';
import { LabelsPage } from './pages/labels-page';
import { fakeLlmUrl } from '../../playwright.config';

// Screenshots to look at: SHOTS_DIR=/tmp/shots-h2 npx playwright test tests/e2e/labels.spec.ts
const shots = process.env.SHOTS_DIR ?? '.data/test-results/screens/labels';
fs.mkdirSync(shots, { recursive: true });

type Res = Awaited<ReturnType<APIRequestContext['post']>>;
async function data<T = { id: string }>(res: Res): Promise<T> {
  expect(res.ok(), await res.text()).toBe(true);
  return ((await res.json()) as { data: T }).data;
}

/** A prompt with `versions` versions, through the API (the page's session). */
async function seedPrompt(api: APIRequestContext, versions: number) {
  const prompt = await data(await api.post('/api/v1/prompts', { data: { title: 'Greeter', userPrompt: 'Say hello to {{ name }}' } }));
  for (let n = 2; n <= versions; n++) {
    await data(await api.post(`/api/v1/prompts/${prompt.id}/versions`, { data: { userPrompt: `Say hello to {{ name }}, take ${n}`, notes: `take ${n}` } }));
  }
  return prompt.id;
}

test.afterEach(async ({ request }) => {
  await request.post(`${fakeLlmUrl}/__control/reset`);
});

test('deploy v1 to production, move it to v2 with a note, roll back, then split 90/10', async ({ page, user: _user }) => {
  const id = await seedPrompt(page.request, 3);
  const labels = new LabelsPage(page);
  await page.goto(`/prompts/${id}`);
  await expect(labels.panel().getByTestId('deployments-empty')).toBeVisible();

  // A new label, typed: the dialog focuses it, Enter deploys.
  await labels.openDeploy(1);
  await expect(labels.dialog().getByTestId('deploy-label')).toBeFocused();
  await labels.dialog().getByTestId('deploy-label').fill('latest');
  await expect(labels.dialog().getByTestId('field-error-deploy-label-error')).toContainText('newest version');
  await labels.deploy({ label: 'production' });
  await expect(labels.badge(1, 'production')).toBeVisible();
  await expect(labels.badge(1, 'production')).toHaveAttribute('data-look', 'production');
  await expect(labels.entries()).toHaveCount(1);
  await expect(labels.entries().first()).toContainText('Deployed production to v1');

  // v2, picked from the existing labels, with a note.
  await labels.openDeploy(2);
  await labels.dialog().getByTestId('deploy-pick-production').click();
  await expect(labels.dialog().getByTestId('deploy-current')).toContainText('production now serves v1');
  await labels.dialog().getByTestId('deploy-note').fill('friendlier greeting');
  await page.screenshot({ path: `${shots}/deploy-dialog.png` });
  await labels.dialog().getByTestId('deploy-submit').click();
  await expect(labels.dialog()).toBeHidden();
  await expect(labels.badge(2, 'production')).toBeVisible();
  await expect(labels.badge(1, 'production')).toHaveCount(0);
  await expect(labels.entries().first()).toContainText('Moved production: v1 → v2');
  await expect(labels.entries().first().getByTestId('deployment-note')).toHaveText('“friendlier greeting”');

  // Roll back: production serves v1 again, and the rollback is in the timeline.
  await labels.rollBack('production');
  await expect(labels.badge(1, 'production')).toBeVisible();
  await expect(labels.badge(2, 'production')).toHaveCount(0);
  await expect(labels.entries()).toHaveCount(3);
  await expect(labels.entries().first()).toContainText('Rolled back production: v2 → v1');
  await expect(labels.entries().first()).toHaveAttribute('data-action', 'rollback');

  // A 90/10 split, the weights checked as they are typed.
  await labels.openDeploy(3);
  await labels.dialog().getByTestId('deploy-pick-production').click();
  await labels.dialog().getByTestId('deploy-split-toggle').check();
  await expect(labels.dialog().getByTestId('split-row')).toHaveCount(2);
  await expect(labels.dialog().getByTestId('split-version-0')).toHaveValue('3');
  await expect(labels.dialog().getByTestId('split-version-1')).toHaveValue('1');
  await labels.dialog().getByTestId('split-weight-1').fill('20');
  await expect(labels.dialog().getByTestId('split-total')).toHaveText('Total 110%');
  await expect(labels.dialog().getByTestId('split-error')).toContainText('add up to 110');
  await labels.dialog().getByTestId('split-weight-1').fill('10');
  await expect(labels.dialog().getByTestId('split-total')).toHaveText('Total 100%');
  await expect(labels.dialog().getByTestId('split-error')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/deploy-split.png` });
  await labels.dialog().getByTestId('deploy-submit').click();
  await expect(labels.dialog()).toBeHidden();
  // Both versions carry the badge with the weights; the panel lists both targets.
  await expect(labels.badge(3, 'production')).toBeVisible();
  await expect(labels.badge(1, 'production')).toBeVisible();
  await expect(labels.badge(3, 'production')).toContainText(/10\/90|90\/10/);
  await expect(labels.labelRow('production').getByTestId('label-targets')).toContainText('v1 10%');
  await expect(labels.labelRow('production').getByTestId('label-targets')).toContainText('v3 90%');
  await labels.labelRow('production').getByTestId('compare-split-production').click();
  const compare = labels.labelRow('production').getByTestId('split-compare-production');
  await expect(compare.getByTestId('split-compare-row')).toHaveCount(2);
  await expect(compare.locator('[data-version="1"]')).toContainText('10%');
  await expect(compare.locator('[data-version="3"]')).toContainText('90%');

  // A second label, deleted, then brought back by rolling back its deletion.
  await labels.openDeploy(2);
  await labels.dialog().getByTestId('deploy-protected').check();
  await labels.deploy({ label: 'staging' });
  await expect(labels.badge(2, 'staging')).toHaveAttribute('data-look', 'staging');
  // Protected: the owner still moves it; the badge says only admins may.
  await expect(labels.badge(2, 'staging').getByLabel('protected')).toBeVisible();
  await labels.panel().getByTestId('delete-label-staging').click();
  await page.getByTestId('confirm-delete-label').click();
  await expect(labels.labelRow('staging')).toHaveCount(0);
  await expect(labels.badge(2, 'staging')).toHaveCount(0);
  await expect(labels.entries().first()).toContainText('Deleted staging (was v2)');
  await labels.rollBack('staging');
  await expect(labels.badge(2, 'staging')).toBeVisible();
  // Protection is recorded as its own entry, at creation and again on the restore; the restore is what rolls back.
  await expect(labels.panel().locator('[data-action="rollback"][data-label="staging"]')).toContainText('Restored staging to v2');
  await expect(labels.badge(2, 'staging').getByLabel('protected')).toBeVisible();
  await expect(labels.panel().locator('[data-action="protect"]').getByTestId('rollback-staging')).toHaveCount(0);
  await expect(labels.panel().locator('[data-action="rollback"][data-label="staging"]').getByTestId('rollback-staging')).toHaveText('Roll back (deletes it)');
  await expect(labels.entries()).toHaveCount(9);

  await page.getByTestId('version-row-3').scrollIntoViewIfNeeded();
  await page.locator('section[aria-labelledby="history-heading"]').screenshot({ path: `${shots}/versions.png` });
  await labels.panel().scrollIntoViewIfNeeded();
  await labels.panel().screenshot({ path: `${shots}/timeline.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await labels.panel().screenshot({ path: `${shots}/timeline-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  await labels.panel().scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await labels.panel().screenshot({ path: `${shots}/timeline-390.png` });
  await labels.openDeploy(2);
  await labels.dialog().getByTestId('deploy-pick-production').click();
  await labels.dialog().getByTestId('deploy-split-toggle').check();
  await page.screenshot({ path: `${shots}/deploy-dialog-390.png` });
  // Esc closes without deploying.
  await page.keyboard.press('Escape');
  await expect(labels.dialog()).toBeHidden();
  await expect(labels.entries()).toHaveCount(9);
});

// The fake provider echoes the prompt: v1 always says banana, v2 only when the topic does, so v1 wins clearly.
const TOPICS = ['tides', 'volcanoes', 'banana bread', 'comets', 'glaciers', 'owls', 'deserts', 'banana splits', 'bees', 'maple trees', 'coral', 'lightning'];

test('promote the winner of an experiment to production', async ({ page, user: _user }) => {
  test.setTimeout(90_000);
  const api = page.request;
  const prompt = await data(await api.post('/api/v1/prompts', { data: { title: 'Topic writer', userPrompt: 'Write about {{ topic }} with a banana' } }));
  await data(await api.post(`/api/v1/prompts/${prompt.id}/versions`, { data: { userPrompt: 'Write about {{ topic }}', notes: 'no banana' } }));
  const dataset = await data(await api.post('/api/v1/datasets', { data: { name: 'banana topics', items: TOPICS.map((topic) => ({ input: { topic }, expected: 'banana' })) } }));
  const variant = (versionNumber: number, label: string) => ({ promptId: prompt.id, versionNumber, provider: 'openai', model: 'gpt-4o-mini', label });
  const experimentId = (
    await data(
      await api.post('/api/v1/experiments', {
        data: { name: 'Banana or not', datasetId: dataset.id, variants: [variant(2, 'v2 plain'), variant(1, 'v1 banana')], evaluators: [{ type: 'contains', config: { value: '{{expected}}' } }], concurrency: 4 },
      }),
    )
  ).id;
  await expect.poll(async () => (await data<{ status: string }>(await api.get(`/api/v1/experiments/${experimentId}`))).status, { timeout: 45_000 }).toBe('completed');

  const experiment = new ExperimentPage(page);
  await page.goto(`/experiments/${experimentId}`);
  await expect(experiment.verdict()).toHaveAttribute('data-verdict', 'b_better');
  await expect(page.getByTestId('promote-winner')).toHaveText('Promote v1 to production');
  await page.getByTestId('verdict').screenshot({ path: `${shots}/promote-winner.png` });
  await page.getByTestId('promote-winner').click();
  const labels = new LabelsPage(page);
  await expect(labels.dialog().getByTestId('deploy-label')).toHaveValue('production');
  await expect(labels.dialog().getByTestId('deploy-note')).toHaveValue('Promoted from experiment Banana or not');
  await labels.dialog().getByTestId('deploy-submit').click();
  await expect(labels.dialog()).toBeHidden();

  await page.goto(`/prompts/${prompt.id}`);
  await expect(labels.badge(1, 'production')).toBeVisible();
  await expect(labels.entries().first()).toContainText('Deployed production to v1');
  await expect(labels.entries().first().getByTestId('deployment-note')).toHaveText('“Promoted from experiment Banana or not”');
});
