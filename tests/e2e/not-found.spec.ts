import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';

test('an unknown address answers 404 with a branded page that leads back', async ({ page }) => {
  const res = await page.goto('/nope');
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toContainText('This page does not exist');
  await expect(page.getByRole('link', { name: 'Go to prompts' })).toBeVisible();
});

test('a missing prompt or run answers 404 inside the workspace shell', async ({ page, user }) => {
  expect(user.email).toContain('@');
  for (const path of [`/prompts/${randomUUID()}`, `/runs/${randomUUID()}`, '/prompts/not-a-uuid']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByTestId('not-found')).toContainText('Nothing here');
    // The shell's navigation is there too.
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Go to prompts' }).click();
  await expect(page).toHaveURL(/\/prompts$/);
});
