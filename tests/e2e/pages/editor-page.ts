import { expect, type Page } from '@playwright/test';

export class EditorPage {
  constructor(readonly page: Page) {}

  /**
   * A template editor's editable text (CodeMirror's contenteditable): fill() and toBeEditable() work on it as on
   * a textarea; read it with toHaveText() (it has no value).
   */
  template(testId: string) {
    return this.page.getByTestId(testId).locator('.cm-content');
  }

  userPrompt() {
    return this.template('user-prompt-editor');
  }

  systemPrompt() {
    return this.template('system-prompt-editor');
  }

  /** Turn `index` (from 0) of a chat template. */
  message(index: number) {
    return this.template(`message-${index}-editor`);
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
