import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Console errors and CSP violations the page reports (Swagger UI must load from our own origin under the policy). */
async function watchProblems(page: Page) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return problems;
}

/** Opens an operation (if closed), switches on "Try it out" (if off), executes it: the live response row. */
async function execute(page: Page, operation: string, body?: string) {
  const block = page.locator(`#operations-${operation}`);
  if (!(await block.locator('.opblock-body').isVisible())) await block.locator('.opblock-summary').first().click();
  const tryIt = block.getByRole('button', { name: 'Try it out' });
  if (await tryIt.isVisible()) await tryIt.click();
  if (body !== undefined) await block.locator('textarea.body-param__text').fill(body);
  await block.getByRole('button', { name: 'Execute' }).click();
  const row = block.locator('.live-responses-table tbody tr.response').first();
  await expect(row.locator('.response-col_status')).toHaveText(/\d{3}/);
  return { row, status: (await row.locator('.response-col_status').innerText()).trim(), body: await row.locator('.response-col_description').innerText() };
}

test('the API reference lists the routes and runs requests with the session and with an API key', async ({ page, user }, testInfo) => {
  const problems = await watchProblems(page);
  await page.goto('/prompts');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('api-docs-link').click();
  await expect(page).toHaveURL(/\/api-docs$/);
  await expect(page.locator('.swagger-ui .opblock').first()).toBeVisible({ timeout: 20_000 });
  expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(60);
  await expect(page.locator('#operations-Delivery-getPromptBySlug')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('api-docs-desktop.png'), fullPage: false });

  // The session: a read, then a write (same origin, so the Origin check passes).
  const me = await execute(page, 'Workspace-getMe');
  expect(me.status).toBe('200');
  expect(me.body).toContain(user.email);
  expect(me.body).toContain('"via": "session"');
  const created = await execute(page, 'API_keys-createApiKey', JSON.stringify({ name: 'from the docs' }));
  expect(created.status).toBe('201');
  const key = /"key": "(pl_[^"]+)"/.exec(created.body)?.[1];
  expect(key).toBeTruthy();

  // An API key typed under Authorize goes as the bearer token.
  await page.locator('.swagger-ui .auth-wrapper .authorize').click();
  const dialog = page.locator('.swagger-ui .dialog-ux');
  await dialog.locator('input[aria-label="auth-bearer-value"]').fill(key!);
  await dialog.getByRole('button', { name: 'Apply credentials' }).first().click();
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  const asKey = await execute(page, 'Workspace-getMe');
  await expect(asKey.row.locator('.response-col_description')).toContainText('"via": "api_key"');
  await page.screenshot({ path: testInfo.outputPath('api-docs-try-it.png'), fullPage: false });

  expect(problems).toEqual([]);
});

test('the API reference on a phone', async ({ page, user: _user }, testInfo) => {
  const problems = await watchProblems(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/prompts');
  await page.getByTestId('mobile-menu').click();
  await page.getByTestId('mobile-api-docs-link').click();
  await expect(page.locator('.swagger-ui .opblock').first()).toBeVisible({ timeout: 20_000 });
  // The page itself does not scroll sideways; wide code blocks scroll inside the reference.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath('api-docs-390.png'), fullPage: false });
  expect(problems).toEqual([]);
});
