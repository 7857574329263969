import { expect, test } from './fixtures';

test('? opens the shortcut sheet, not while typing; Escape closes it', async ({ page, user: _user }) => {
  await page.goto('/prompts');
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(sheet).toBeVisible();
  for (const action of ['Run what is in the editor', 'Save as a new version', 'Search in the template', 'Show these shortcuts']) {
    await expect(sheet).toContainText(action);
  }
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);

  await page.getByRole('searchbox').click();
  await page.keyboard.type('?');
  await expect(sheet).toHaveCount(0);
});

test('a dialog focuses its first field, keeps Tab inside, and gives focus back to its opener', async ({ page, user: _user }) => {
  await page.goto('/settings');
  const opener = page.getByTestId('add-provider');
  await opener.click();
  const dialog = page.getByTestId('provider-dialog');
  await expect(page.getByTestId('provider-select')).toBeFocused();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();

  // The sheet, opened from the account menu (no trigger of its own), returns focus to the page too.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('open-shortcuts').click();
  await expect(page.getByTestId('shortcut-sheet')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcut-sheet')).toHaveCount(0);
});
