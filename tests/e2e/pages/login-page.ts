import { expect, type Page } from '@playwright/test';

export class LoginPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/login');
    await expect(this.page.getByTestId('password-form')).toBeVisible();
  }

  async signUp({ name, email, password }: { name: string; email: string; password: string }) {
    if ((await this.page.getByTestId('toggle-mode').textContent()) === 'Create an account') await this.page.getByTestId('toggle-mode').click();
    await this.page.getByLabel('Name').fill(name);
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByTestId('password-submit').click();
  }

  async signIn({ email, password }: { email: string; password: string }) {
    if ((await this.page.getByTestId('toggle-mode').textContent()) === 'Sign in') await this.page.getByTestId('toggle-mode').click();
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByTestId('password-submit').click();
  }
}
