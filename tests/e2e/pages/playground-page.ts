import { expect, type Locator, type Page } from '@playwright/test';

/** The prompt page as a playground: the editor on the left, Run, its outputs and the histories on the right. */
export class PlaygroundPage {
  constructor(readonly page: Page) {}

  panel() {
    return this.page.getByTestId('run-panel');
  }

  summary() {
    return this.page.getByTestId('run-summary');
  }

  results() {
    return this.page.getByTestId('run-result');
  }

  /** Replaces a template's text, whether the editor is CodeMirror (contenteditable) or a plain textarea. */
  async setTemplate(editor: Locator, text: string) {
    const content = editor.locator('.cm-content');
    if ((await content.count()) > 0) {
      await content.click();
      await this.page.keyboard.press('ControlOrMeta+a');
      await this.page.keyboard.insertText(text);
    } else {
      await editor.fill(text);
    }
  }

  async setUserPrompt(text: string) {
    await this.setTemplate(this.page.getByTestId('user-prompt-editor'), text);
  }

  /** Target `i` (0 = the first model) to provider/model; adds rows as needed. */
  async setTarget(i: number, provider: string, model: string) {
    const suffix = i === 0 ? '' : `-${i}`;
    const panel = this.panel();
    while ((await panel.getByTestId(/^run-target-\d+$/).count()) <= i) await panel.getByTestId('run-add-target').click();
    await panel.getByTestId(`run-provider${suffix}`).selectOption(provider);
    await panel.getByTestId(`run-model${suffix}`).fill(model);
  }

  async fillVariable(name: string, value: string) {
    await this.panel().getByTestId(`run-variable-${name}`).fill(value);
  }

  result(target: string) {
    return this.page.locator(`[data-testid="run-result"][data-target="${target}"]`);
  }

  async expectSucceeded(target: string) {
    const card = this.result(target);
    await expect(card.getByTestId('run-status')).toHaveText(/succeeded/i, { timeout: 20_000 });
    await expect(card.getByTestId('run-tokens')).toContainText(/\d/);
    await expect(card.getByTestId('run-cost')).toBeVisible();
    await expect(card.getByTestId('run-latency')).toContainText(/\d/);
    await expect(card.getByTestId('run-ttft')).toContainText(/\d/);
  }

  async tab(name: 'output' | 'history') {
    await this.page.getByTestId(`tab-${name}`).click();
  }

  async noHorizontalScroll() {
    const width = await this.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(this.page.viewportSize()?.width ?? 0);
  }

  async shot(name: string) {
    await this.page.screenshot({ path: `/tmp/shots/h5a/${name}.png` });
  }
}
