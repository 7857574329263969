import type { Page, Response } from '@playwright/test';
import { EditorPage } from './pages/editor-page';
import { PromptsPage } from './pages/prompts-page';
import { expect, test } from './fixtures';

/** Collects what the browser reports about the Content-Security-Policy while the test browses. */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  return violations;
}

async function expectPageHeaders(response: Response | null, what: string) {
  expect(response, what).not.toBeNull();
  const headers = response!.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'(;|$)/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], what).toContain('camera=()');
  return csp;
}

/** Loads a page fresh, checks its headers, and lets its scripts run long enough to hydrate. */
async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  await page.waitForLoadState('load');
  return expectPageHeaders(response, path);
}

test('the sign-in page has the security headers, a fresh nonce each time, and runs its scripts under them', async ({ page }) => {
  const violations = watchViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  const first = await visit(page, '/login');
  // The theme script carries the nonce, so it ran: the page follows the dark colour scheme.
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  // Hydrated: the client-side form switches modes.
  const toggle = page.getByTestId('toggle-mode');
  const before = await toggle.textContent();
  await toggle.click();
  await expect(toggle).not.toHaveText(before ?? '');
  expect(await visit(page, '/login')).not.toBe(first);
  expect(violations).toEqual([]);
});

test('every workspace page has the security headers and no CSP violation', async ({ page, user: _user }) => {
  const violations = watchViolations(page);
  const editor = new EditorPage(page);
  await new PromptsPage(page).create({ title: 'Headers', template: 'Say hello to {{ name }}' });
  await editor.waitLoaded();
  const promptPath = new URL(page.url()).pathname;

  await page.getByTestId('run-panel').getByTestId('run-provider').selectOption('local');
  await page.getByTestId('run-panel').getByTestId('run-variable-name').fill('Ada');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i);

  for (const path of ['/prompts', promptPath, '/runs', '/settings']) await visit(page, path);
  await visit(page, '/runs');
  await page.getByTestId('run-row').first().click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('run-output')).not.toBeEmpty();
  await visit(page, new URL(page.url()).pathname);

  expect(violations).toEqual([]);
});

test('API responses have the security headers and a policy that loads nothing', async ({ request }) => {
  for (const path of ['/api/health', '/api/v1/prompts', '/api/auth/session']) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers['content-security-policy'], path).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy'], path).toContain('camera=()');
  }
});
