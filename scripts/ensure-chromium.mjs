// End-to-end tests drive the system's Chromium (Playwright's own browser download needs the internet).
import { execSync } from 'node:child_process';
import fs from 'node:fs';

export function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (fs.existsSync(path)) return path;
  const canApt = process.platform === 'linux' && fs.existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
  if (canApt) {
    console.log('[e2e] Chromium is missing: installing Debian\'s chromium package (apt-get install -y chromium)…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
    if (fs.existsSync(path)) return path;
  }
  throw new Error(
    `End-to-end tests need Chromium at ${path}.\n` +
      '  Debian/Ubuntu: sudo apt-get install -y chromium\n' +
      '  macOS: brew install --cask chromium, then export CHROMIUM_PATH="/Applications/Chromium.app/Contents/MacOS/Chromium"\n' +
      '  Elsewhere: install Chromium or Chrome and set CHROMIUM_PATH to its executable.',
  );
}
