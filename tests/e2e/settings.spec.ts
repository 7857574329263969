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
  await expect(page.getByTestId('api-key-owner')).toHaveText('yours');
  await page.getByTestId('revoke-api-key').click();
  // The row goes at once (optimistic); the key stops working once the server has answered the revocation.
  const revoked = page.waitForResponse((res) => res.request().method() === 'DELETE' && res.url().includes('/api/v1/api-keys/'));
  await page.getByTestId('confirm-revoke').click();
  await expect(page.getByTestId('api-key-row')).toHaveCount(0);
  expect((await revoked).status()).toBe(200);
  expect((await api.get('/api/v1/me')).status()).toBe(401);
  await api.dispose();
});

test("shows each key's owner and offers Revoke only where the API allows it", async ({ page, user: _user }) => {
  await page.goto('/settings');
  await page.getByTestId('create-api-key').click();
  await page.getByTestId('api-key-name').fill('mine');
  await page.getByTestId('submit-api-key').click();
  await page.getByTestId('close-new-key').click();
  // Another member's key, as the API lists it to an editor: with its owner, not revocable by this caller.
  await page.route('**/api/v1/api-keys', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    const other = { ...body.data[0], id: '00000000-0000-4000-8000-000000000001', name: 'their key', owner: { id: 'someone-else', name: 'Grace', email: null }, canRevoke: false };
    await route.fulfill({ response, json: { ...body, data: [...body.data, other] } });
  });
  await page.reload();
  const theirs = page.getByTestId('api-key-row').filter({ hasText: 'their key' });
  const mine = page.getByTestId('api-key-row').filter({ hasText: 'mine' });
  await expect(theirs.getByTestId('api-key-owner')).toHaveText('Grace’s');
  await expect(theirs.getByTestId('revoke-api-key')).toHaveCount(0);
  await expect(mine.getByTestId('api-key-owner')).toHaveText('yours');
  await expect(mine.getByTestId('revoke-api-key')).toBeVisible();
});

test('an empty key name is marked on its field before anything is sent', async ({ page, user: _user }) => {
  await page.goto('/settings');
  let posted = false;
  page.on('request', (req) => {
    if (req.method() === 'POST' && req.url().includes('/api/v1/api-keys')) posted = true;
  });
  await page.getByTestId('create-api-key').click();
  // The dialog starts on its field.
  await expect(page.getByTestId('api-key-name')).toBeFocused();
  await page.getByTestId('api-key-name').fill('   ');
  await page.getByTestId('submit-api-key').click();
  await expect(page.getByTestId('api-key-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('field-error-key-name-error')).toHaveText('Required');
  expect(posted).toBe(false);
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

test('adds a custom OpenAI-compatible endpoint, tests it, runs on it, and caps spending', async ({ page, user: _user }) => {
  const { fakeLlmUrl } = await import('../../playwright.config');
  await page.goto('/settings');
  await page.getByTestId('add-provider').click();
  await page.getByTestId('provider-select').selectOption('custom');
  await page.getByTestId('provider-label').fill('my-gateway');
  await page.getByTestId('provider-base-url').fill(`${fakeLlmUrl}/v1`);
  await page.getByTestId('provider-api-key').fill('sk-gateway-1234');
  await page.getByTestId('save-provider').click();
  const row = page.getByTestId('provider-row').filter({ hasText: 'my-gateway' });
  await expect(row).toContainText('1234');
  await expect(row).not.toContainText('sk-gateway');
  await row.getByTestId('test-provider').click();
  await expect(row.getByTestId('provider-test-result')).toContainText('gpt-4o-mini');

  // A run through the saved endpoint, then a budget that stops the next one.
  const api = page.request;
  const prompt = await (await api.post('/api/v1/prompts', { data: { title: 'Gateway', userPrompt: 'Ping {{ x }}' } })).json();
  const run = await (await api.post('/api/v1/runs', { data: { promptId: prompt.data.id, variables: { x: '1' }, provider: 'my-gateway', model: 'gpt-4o-mini' } })).json();
  await expect.poll(async () => (await (await api.get(`/api/v1/runs/${run.data.id}`)).json()).data.status).toBe('succeeded');
  // A custom gateway's prices are unknown (cost null); the instance's OpenAI has a price, so it shows as spend.
  const priced = await (await api.post('/api/v1/runs', { data: { promptId: prompt.data.id, variables: { x: '3' }, provider: 'openai', model: 'gpt-4o-mini' } })).json();
  await expect.poll(async () => (await (await api.get(`/api/v1/runs/${priced.data.id}`)).json()).data.costUsd).toBeGreaterThan(0);

  await page.reload();
  const spent = Number(/\$([\d.]+)/.exec((await page.getByTestId('month-spend').textContent()) ?? '')?.[1]);
  expect(spent).toBeGreaterThan(0);
  await page.getByTestId('policy-budget').fill('0');
  await page.getByTestId('policy-save').click();
  await expect(page.getByTestId('month-spend')).toContainText('of $0.00');
  await page.reload();
  await expect(page.getByTestId('policy-budget')).toHaveValue('0');
  const blocked = await api.post('/api/v1/runs', { data: { promptId: prompt.data.id, variables: { x: '2' }, provider: 'my-gateway', model: 'gpt-4o-mini' } });
  expect(blocked.status()).toBe(402);
  await page.screenshot({ path: '.data/test-results/screens/settings.png', fullPage: true });
});

test('tests an endpoint before saving it, saves anyway on request, edits it, and asks before replacing a label', async ({ page, user: _user }) => {
  const { fakeLlmUrl } = await import('../../playwright.config');
  await page.goto('/settings');
  const addCustom = async (label: string, baseUrl: string) => {
    await page.getByTestId('add-provider').click();
    await page.getByTestId('provider-select').selectOption('custom');
    await page.getByTestId('provider-label').fill(label);
    await page.getByTestId('provider-base-url').fill(baseUrl);
    await page.getByTestId('save-provider').click();
  };

  // Nothing listens on port 9: the test fails, says why, and offers to save anyway.
  await addCustom('box', 'http://127.0.0.1:9/v1');
  await expect(page.getByTestId('provider-test-reason')).toContainText('connection');
  await expect(page.getByTestId('provider-test-reason')).not.toContainText('PROVIDER_ERROR');
  await expect(page.getByTestId('provider-row')).toHaveCount(0);
  await page.screenshot({ path: `${process.env.SHOTS_DIR ?? '.data/test-results/screens'}/provider-test-failed.png` });
  await page.getByTestId('provider-save-anyway').click();
  const row = page.getByTestId('provider-row').filter({ hasText: 'box' });
  await expect(row.getByTestId('provider-row-base-url')).toHaveText('http://127.0.0.1:9/v1');

  // Edit: the entry as saved, the provider fixed; a new address is tested, passes and is saved.
  await row.getByTestId('edit-provider').click();
  await expect(page.getByTestId('provider-label')).toHaveValue('box');
  await expect(page.getByTestId('provider-select')).toBeDisabled();
  await page.getByTestId('provider-base-url').fill(`${fakeLlmUrl}/v1`);
  await page.getByTestId('save-provider').click();
  await expect(page.getByTestId('provider-dialog')).toHaveCount(0);
  await expect(row.getByTestId('provider-row-base-url')).toHaveText(`${fakeLlmUrl}/v1`);

  // The same label again: asked first, then replaced.
  await addCustom('box', `${fakeLlmUrl}/v1/`);
  await expect(page.getByTestId('provider-confirm-replace')).toContainText('Replace “box”?');
  await page.getByTestId('provider-replace').click();
  await expect(page.getByTestId('provider-dialog')).toHaveCount(0);
  await expect(page.getByTestId('provider-row')).toHaveCount(1);
  await expect(row.getByTestId('provider-row-base-url')).toHaveText(`${fakeLlmUrl}/v1/`);

  // A label the browser can tell is wrong never reaches the server.
  await page.getByTestId('add-provider').click();
  await page.getByTestId('provider-select').selectOption('custom');
  await page.getByTestId('provider-base-url').fill(`${fakeLlmUrl}/v1`);
  await page.getByTestId('save-provider').click();
  await expect(page.getByTestId('field-error-provider-label-error')).toHaveText('Required');
});
