import { expect, type Locator, type Page } from '@playwright/test';

/** The "Test" dialog on a prompt page, and /experiments/[id]. */
export class ExperimentPage {
  constructor(readonly page: Page) {}

  form() {
    return this.page.getByTestId('experiment-form');
  }

  async openTestDialog() {
    await this.page.getByTestId('test-prompt').click();
    await expect(this.form()).toBeVisible();
  }

  /** Picks the dataset by its name (the option reads "name (N items)"). */
  async pickDataset(name: string) {
    const select = this.form().getByTestId('experiment-dataset');
    const option = select.locator('option', { hasText: `${name} (` });
    await expect(option).toHaveCount(1);
    await select.selectOption({ value: (await option.getAttribute('value'))! });
  }

  variantRows() {
    return this.form().getByTestId('variant-row');
  }

  async setVariant(i: number, { version, provider, model }: { version?: number; provider?: string; model?: string }) {
    if (version !== undefined) await this.form().getByTestId(`variant-version-${i}`).selectOption(String(version));
    if (provider !== undefined) await this.form().getByTestId(`variant-provider-${i}`).selectOption(provider);
    if (model !== undefined) await this.form().getByTestId(`variant-model-${i}`).fill(model);
  }

  async start() {
    await this.form().getByTestId('experiment-start').click();
    await expect(this.page).toHaveURL(/\/experiments\/[0-9a-f-]{36}$/);
  }

  progress() {
    return this.page.getByTestId('experiment-progress');
  }

  /** The progress bar's done count (aria-valuenow) and total (aria-valuemax). */
  async progressValues(): Promise<{ now: number; max: number }> {
    const bar = this.progress();
    return { now: Number(await bar.getAttribute('aria-valuenow')), max: Number(await bar.getAttribute('aria-valuemax')) };
  }

  status() {
    return this.page.getByTestId('experiment-status');
  }

  verdict() {
    return this.page.getByTestId('verdict');
  }

  grid() {
    return this.page.getByTestId('experiment-grid');
  }

  cells(filter: { variant?: number; result?: string } = {}): Locator {
    let selector = '[data-testid="grid-cell"]';
    if (filter.variant !== undefined) selector += `[data-variant="${filter.variant}"]`;
    if (filter.result !== undefined) selector += `[data-result="${filter.result}"]`;
    return this.grid().locator(selector);
  }
}
