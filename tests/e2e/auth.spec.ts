import { expect, test } from '@playwright/test';
import { baseURL } from '../../playwright.config';
import { LoginPage } from './pages/login-page';

const password = 'correct horse battery staple';

test('Auth.js works on the public origin (APP_URL), not the address Next.js reports', async ({ request }) => {
  for (const path of ['/api/auth/csrf', '/api/auth/session']) expect((await request.get(path)).status(), path).toBe(200);
  const providers = await request.get('/api/auth/providers');
  expect(providers.status()).toBe(200);
  expect(await providers.json()).toMatchObject({
    oidc: { callbackUrl: `${baseURL}/api/auth/callback/oidc` },
    password: { callbackUrl: `${baseURL}/api/auth/callback/password` },
  });
});

test('a visitor is sent to sign-in, and returned to the page they asked for', async ({ page }) => {
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings/);
});

test('signs up and in with email and password, and out again', async ({ page }) => {
  const login = new LoginPage(page);
  const email = `ada-${Date.now()}@example.test`;
  await login.goto();
  await login.signUp({ name: 'Ada', email, password });
  await expect(page).toHaveURL(/\/prompts$/);
  await expect(page.getByTestId('workspace-name')).toHaveText("Ada's workspace");

  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/login/);

  await login.signIn({ email, password: 'wrong password!' });
  await expect(page.getByTestId('login-error')).toContainText('do not match');
  await login.signIn({ email, password });
  await expect(page).toHaveURL(/\/prompts$/);
});

test('stays on this site after sign-in, whatever the callbackUrl says', async ({ page }) => {
  const login = new LoginPage(page);
  await page.goto('/login?callbackUrl=/%5Cevil.example');
  await expect(page.getByTestId('password-form')).toBeVisible();
  await login.signUp({ name: 'Mallory', email: `mallory-${Date.now()}@example.test`, password });
  await expect(page).toHaveURL(`${baseURL}/prompts`);

  // Signed in: the login page redirects at once, and only to a path here.
  for (const hostile of ['//evil.example', 'https://evil.example', '/.//evil.example']) {
    await page.goto(`/login?callbackUrl=${encodeURIComponent(hostile)}`);
    await expect(page).toHaveURL(`${baseURL}/prompts`);
  }
  await page.goto(`/login?callbackUrl=${encodeURIComponent('/settings')}`);
  await expect(page).toHaveURL(`${baseURL}/settings`);
});

test('signs in through a real OpenID Connect flow', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await page.getByTestId('signin-oidc').click();
  // The local provider's own login page (tests/fixtures/oidc-provider.ts).
  await page.locator('input[name="login"]').fill('grace@example.test');
  await page.locator('input[name="password"]').fill('anything');
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/prompts$/, { timeout: 20_000 });
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('user-email')).toHaveText('grace@example.test');
});
