import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The SDK entry runs in Node 20+, edge runtimes and browsers: nothing under it may import a Node built-in.
const root = path.resolve(import.meta.dirname, '../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}

describe('SDK entry', () => {
  it('imports no Node built-ins (edge and browser safe)', () => {
    const files = [path.join(root, 'index.ts'), ...sources(path.join(root, 'client'))];
    const offenders = files.filter((file) => /from\s+['"](node:|fs['"]|path['"]|crypto['"]|http['"])/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => path.relative(root, file))).toEqual([]);
  });

  it('bundles for the browser (no Node built-ins, no dependencies) and stays small', async () => {
    const result = await build({ entryPoints: [path.join(root, 'index.ts')], bundle: true, platform: 'browser', format: 'esm', minify: true, write: false, logLevel: 'silent' });
    const bytes = result.outputFiles[0]?.contents.byteLength ?? 0;
    expect(bytes).toBeGreaterThan(1_000);
    expect(bytes).toBeLessThan(20_000);
  });

  // npm test builds the package first (scripts/test-all.mjs); a build that drops the exec bit breaks `npx promptlab`.
  const cli = path.resolve(root, '../dist/cli.js');
  it.skipIf(!existsSync(cli))('leaves the built CLI executable', () => {
    expect(statSync(cli).mode & 0o111).not.toBe(0);
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
