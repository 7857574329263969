import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/login-page';

const password = 'correct horse battery staple';

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
