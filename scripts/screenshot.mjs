// Dev helper: screenshot pages of a running server. Usage: node scripts/screenshot.mjs <baseUrl> <outDir> [dark]
import { chromium } from '@playwright/test';

const [base = 'http://localhost:3000', out = '.data/screenshots', dark] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: dark ? 'dark' : 'light' });
await page.goto(`${base}/login`);
await page.screenshot({ path: `${out}/login.png` });
await browser.close();
