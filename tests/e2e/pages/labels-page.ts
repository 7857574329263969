import { expect, type Page } from '@playwright/test';

/** The labels UI on a prompt page: "Deploy to…" per version, the deploy dialog and the Deployments panel. */
export class LabelsPage {
  constructor(readonly page: Page) {}

  dialog() {
    return this.page.getByTestId('deploy-dialog');
  }

  async openDeploy(versionNumber: number) {
    await this.page.getByTestId(`deploy-version-${versionNumber}`).click();
    await expect(this.dialog()).toBeVisible();
  }

  /** Deploys through the open dialog: types or picks the label, writes the note, submits with Enter. */
  async deploy({ label, note }: { label: string; note?: string }) {
    await this.dialog().getByTestId('deploy-label').fill(label);
    if (note !== undefined) await this.dialog().getByTestId('deploy-note').fill(note);
    await this.dialog().getByTestId('deploy-label').press('Enter');
    await expect(this.dialog()).toBeHidden();
  }

  badge(versionNumber: number, label: string) {
    return this.page.getByTestId(`version-row-${versionNumber}`).getByTestId(`label-badge-${label}`);
  }

  panel() {
    return this.page.getByTestId('deployments');
  }

  entries() {
    return this.panel().getByTestId('deployment-entry');
  }

  labelRow(label: string) {
    return this.panel().getByTestId(`label-row-${label}`);
  }

  async rollBack(label: string) {
    await this.panel().getByTestId(`rollback-${label}`).click();
    await this.page.getByTestId('confirm-rollback').click();
    await expect(this.page.getByTestId('confirm-rollback')).toBeHidden();
  }
}
