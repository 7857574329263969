// npm run bench:editor [-- --keys=60] [--sizes=100000,200000]
// Keystroke-to-paint in the template editor holding a 100,000-character and a 200 KB template, beside a plain
// <textarea> with the same text in the same run (the baseline), in Chromium. Not a test: it prints figures.
// The page (bench/editor-typing-page.ts) is bundled with esbuild and opened from a file; run it under
// `flock /tmp/promptlab-build.lock` like every browser job.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { stats } from './bench-utils';

const OUT_DIR = path.resolve('.data/bench-editor');
const MODES = ['textarea', 'editor'] as const;
const WARM_UP_KEYS = 5;
// esbuild comes with tsx; its CLI keeps the bench free of a direct dependency.
const ESBUILD = path.join('node_modules', 'esbuild', 'bin', 'esbuild');

function bundlePage() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  execFileSync(
    ESBUILD,
    ['bench/editor-typing-page.ts', '--bundle', '--minify', '--format=iife', '--log-level=error', '--define:process.env.NODE_ENV="production"', `--outfile=${OUT_DIR}/page.js`],
    { stdio: 'inherit' },
  );
  fs.writeFileSync(`${OUT_DIR}/index.html`, '<!doctype html><meta charset="utf-8"><div id="root"></div><script src="page.js"></script>');
}

// From the keydown's timestamp to a task after the next frame that shows the React state with the new character.
// A string, not a function: tsx would wrap named functions in a helper the page does not have.
const PROBE = `
  window.latencies = [];
  document.addEventListener('keydown', (event) => {
    const start = event.timeStamp;
    const settled = () => Number(document.querySelector('[data-testid="length"]')?.textContent) === window.expected;
    const afterPaint = () => requestAnimationFrame(() => setTimeout(() => {
      if (settled()) window.latencies.push(performance.now() - start);
      else afterPaint();
    }, 0));
    afterPaint();
  }, true);
`;

async function measure(page: Page, mode: (typeof MODES)[number], size: number, keys: number): Promise<number[]> {
  await page.goto(`file://${OUT_DIR}/index.html?mode=${mode}&size=${size}`);
  const target = mode === 'textarea' ? page.getByTestId('target') : page.getByTestId('target').locator('.cm-content');
  await target.waitFor();
  await page.evaluate(PROBE);
  await target.click();
  await page.keyboard.press('ControlOrMeta+End');
  let length = size;
  const latencies: number[] = [];
  for (let i = 0; i < WARM_UP_KEYS + keys; i++) {
    length += 1;
    await page.evaluate((expected) => ((window as unknown as { expected: number }).expected = expected), length);
    const before = await page.evaluate(() => (window as unknown as { latencies: number[] }).latencies.length);
    await page.keyboard.press(i % 7 === 6 ? 'Space' : 'KeyX');
    await page.waitForFunction((n) => (window as unknown as { latencies: number[] }).latencies.length > n, before);
    if (i >= WARM_UP_KEYS) latencies.push(await page.evaluate(() => (window as unknown as { latencies: number[] }).latencies.at(-1)!));
  }
  const shown = Number(await page.getByTestId('length').textContent());
  if (shown !== length) throw new Error(`${mode}: expected ${length} characters, the page shows ${shown}`);
  return latencies;
}

async function main() {
  const { values } = parseArgs({ options: { keys: { type: 'string', default: '60' }, sizes: { type: 'string', default: '100000,200000' } } });
  const keys = Number(values.keys);
  const sizes = values.sizes.split(',').map(Number);
  bundlePage();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const rows: string[] = [];
    for (const size of sizes) {
      const cells: string[] = [];
      for (const mode of MODES) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        const { p50, p95 } = stats(await measure(page, mode, size, keys));
        await page.close();
        cells.push(`${mode} p50 ${p50} ms, p95 ${p95} ms`);
      }
      rows.push(`${(size / 1000).toFixed(0).padStart(4)}K chars | ${cells.join(' | ')}`);
    }
    console.log(`\nKeystroke to paint, ${keys} keys each (the textarea is the baseline)\n${rows.join('\n')}`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
