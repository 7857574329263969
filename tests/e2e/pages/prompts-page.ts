import { expect, type Page } from '@playwright/test';

export class PromptsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/prompts');
  }

  async create({ title, template, tags = '' }: { title: string; template?: string; tags?: string }) {
    await this.page.getByTestId('new-prompt').click();
    await this.page.getByTestId('new-prompt-title').fill(title);
    if (template !== undefined) await this.page.getByTestId('new-prompt-template').fill(template);
    await this.page.getByTestId('new-prompt-tags').fill(tags);
    await this.page.getByTestId('create-prompt').click();
    await expect(this.page).toHaveURL(/\/prompts\/[0-9a-f-]{36}$/);
  }

  cards() {
    return this.page.getByTestId('prompt-card');
  }
}
