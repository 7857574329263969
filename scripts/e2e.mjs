// npm run test:e2e – builds the app, then runs Playwright against `next start` on a fresh embedded database.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CHROMIUM_PATH: ensureChromium() };
const run = (command) => execSync(command, { stdio: 'inherit', env });

if (!process.argv.includes('--no-build')) run('node_modules/.bin/next build');
fs.rmSync('.data/e2e', { recursive: true, force: true });
run(`node_modules/.bin/playwright test ${process.argv.slice(2).filter((a) => a !== '--no-build').join(' ')}`);
