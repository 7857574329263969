import { expect, type Page } from '@playwright/test';

/** /datasets and /datasets/[id]: import a file through the import dialog, read the grid. */
export class DatasetPage {
  constructor(readonly page: Page) {}

  async gotoList() {
    await this.page.goto('/datasets');
    await expect(this.page.getByTestId('import-dataset')).toBeVisible();
  }

  /** Imports a CSV as a new dataset (named after the file) and waits for its page. Returns the dataset id. */
  async importCsv(fileName: string, csv: string): Promise<string> {
    await this.page.getByTestId('import-dataset').click();
    await this.page.getByTestId('import-file-input').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(this.page.getByTestId('import-preview')).toBeVisible();
    await this.page.getByTestId('import-submit').click();
    await expect(this.page).toHaveURL(/\/datasets\/[0-9a-f-]{36}$/);
    await expect(this.page.getByTestId('dataset-grid')).toBeVisible();
    return new URL(this.page.url()).pathname.split('/').pop()!;
  }

  name() {
    return this.page.getByTestId('dataset-name');
  }

  grid() {
    return this.page.getByTestId('dataset-grid');
  }
}
