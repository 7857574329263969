// npm run build: an empty dist (no output left from deleted sources), tsc, and the CLI made executable again
// (tsc writes files without the exec bit that npm set on the bin at install, so `npx promptlab` would stop working).
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
execFileSync('tsc', ['-p', 'tsconfig.json'], { stdio: 'inherit', shell: process.platform === 'win32' });
chmodSync('dist/cli.js', 0o755);
