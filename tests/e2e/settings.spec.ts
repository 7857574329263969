import { expect, test } from './fixtures';

test('creates an API key shown once, uses it, and revokes it', async ({ page, playwright, baseURL, user: _user }) => {
  await page.goto('/settings');
  await page.getByTestId('create-api-key').click();
  await page.getByTestId('api-key-name').fill('laptop');
  await page.getByTestId('submit-api-key').click();
  const key = await page.getByTestId('new-api-key').inputValue();
  expect(key).toMatch(/^pl_/);
  await page.getByTestId('close-new-key').click();
  await expect(page.getByTestId('api-key-row')).toContainText('laptop');
  await expect(page.getByTestId('api-key-row')).not.toContainText(key);
  await expect(page.getByTestId('api-key-last-used')).toHaveText('never used');

  // A client with no cookies, only the key.
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
  const created = await api.post('/api/v1/prompts', { data: { title: 'From a script', userPrompt: 'Hi {{ name }}' } });
  expect(created.status()).toBe(201);

  await page.reload();
  await expect(page.getByTestId('api-key-last-used')).toContainText('last used');
  await page.goto('/prompts');
  await expect(page.getByTestId('prompt-card')).toContainText('From a script');

  await page.goto('/settings');
  await page.getByTestId('revoke-api-key').click();
  await page.getByTestId('confirm-revoke').click();
  await expect(page.getByTestId('api-key-row')).toHaveCount(0);
  expect((await api.get('/api/v1/me')).status()).toBe(401);
  await api.dispose();
});

test('switches to dark mode and keeps it after a reload', async ({ page, user: _user }) => {
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('theme-option-dark').click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.screenshot({ path: '.data/test-results/screens/prompts-dark.png' });
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('theme-option-light').click();
  await expect(page.locator('html')).not.toHaveClass(/dark/);
});
