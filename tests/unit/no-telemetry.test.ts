import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

// Next.js sends anonymous telemetry unless told not to; PromptLab's own scripts must never phone home.
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

describe('npm scripts', () => {
  it.each(['dev', 'build', 'start', 'bench'])('`npm run %s` turns Next.js telemetry off', (name) => {
    expect(pkg.scripts[name]).toMatch(/^NEXT_TELEMETRY_DISABLED=1 /);
  });

  it('the Vercel build goes through `npm run build`, so it turns telemetry off too', () => {
    const vercel = JSON.parse(fs.readFileSync('vercel.json', 'utf8')) as { buildCommand: string };
    expect(vercel.buildCommand).not.toMatch(/(^|&&\s*)next build/);
    expect(vercel.buildCommand).toContain('npm run build');
  });

  it('every script that starts Next.js turns telemetry off', () => {
    const starters = Object.entries(pkg.scripts).filter(([, command]) => /\bnext (dev|build|start)\b/.test(command));
    expect(starters.length).toBeGreaterThanOrEqual(3);
    for (const [, command] of starters) expect(command).toContain('NEXT_TELEMETRY_DISABLED=1');
  });
});
