// npm run build: an empty dist (no output left from deleted sources), tsc, and the CLI made executable again
// (tsc writes files without the exec bit that npm set on the bin at install, so `npx promptlab` would stop working).
// As `prepare` (on npm install) a type error only warns: tsc still emits, and one broken file must not stop the whole
// repository from installing; `npm test` runs the build itself and fails on it.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const { status } = spawnSync('tsc', ['-p', 'tsconfig.json'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
if (status !== 0) {
  if (process.env.npm_lifecycle_event === 'prepare' && existsSync('dist/cli.js')) {
    console.warn('promptlab: the build has type errors (above); dist was written anyway so the install goes on');
  } else {
    process.exit(status ?? 1);
  }
}
