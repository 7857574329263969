import { expect, type Page } from '@playwright/test';

/** The prompts page's Import dialog. */
export class ImportDialogPage {
  constructor(readonly page: Page) {}

  dialog() {
    return this.page.getByTestId('interop-import-dialog');
  }

  async open() {
    await this.page.goto('/prompts');
    await this.page.getByTestId('import-prompts').click();
    await expect(this.dialog()).toBeVisible();
  }

  async choose(name: string, mimeType: string, buffer: Buffer) {
    await this.page.getByTestId('interop-file-input').setInputFiles({ name, mimeType, buffer });
  }

  report() {
    return this.page.getByTestId('import-report');
  }
}
