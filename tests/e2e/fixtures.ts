import { test as base, expect, type Page } from '@playwright/test';
import { LoginPage } from './pages/login-page';

let counter = 0;

/** Signs a brand-new user up through the sign-in page; every test gets its own workspace. */
export async function signUpNewUser(page: Page, name = 'Tester') {
  const email = `${name.toLowerCase()}-${Date.now()}-${++counter}@example.test`;
  const login = new LoginPage(page);
  await login.goto();
  await login.signUp({ name, email, password: 'correct horse battery staple' });
  await expect(page).toHaveURL(/\/prompts$/);
  return { email };
}

export const test = base.extend<{ user: { email: string } }>({
  user: async ({ page }, use) => {
    await use(await signUpNewUser(page));
  },
});

export { expect };
