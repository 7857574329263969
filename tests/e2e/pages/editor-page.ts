import { expect, type Page } from '@playwright/test';

export class EditorPage {
  constructor(readonly page: Page) {}

  userPrompt() {
    return this.page.getByTestId('user-prompt-editor');
  }

  systemPrompt() {
    return this.page.getByTestId('system-prompt-editor');
  }

  async waitLoaded() {
    await expect(this.userPrompt()).toBeVisible();
  }

  async saveWithShortcut(notes: string) {
    await this.page.getByTestId('version-notes').fill(notes);
    await this.page.keyboard.press('ControlOrMeta+s');
  }

  versionRow(n: number) {
    return this.page.getByTestId(`version-row-${n}`);
  }

  /** The prompt's id, from the address bar. */
  promptId() {
    return new URL(this.page.url()).pathname.split('/').pop()!;
  }
}
