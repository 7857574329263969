import 'server-only';
import fs from 'node:fs';
import path from 'node:path';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/** `.data/` in the working directory: the embedded database, the generated secrets and keys. */
export const dataRoot = () => path.resolve(/*turbopackIgnore: true*/ '.data');

function tighten(target: string, mode: number): void {
  const current = fs.statSync(target).mode & 0o777;
  // Only ever removes permissions: a stricter mode someone chose stays.
  if ((current & ~mode) !== 0) fs.chmodSync(target, current & mode);
}

/**
 * Creates `dir` (and missing parents) readable by this user only, and tightens it if it exists with a looser
 * mode. When `dir` lies inside `.data/`, `.data/` itself is created or tightened too. Returns `dir`, absolute.
 */
export function ensurePrivateDir(dir: string): string {
  const absolute = path.resolve(/*turbopackIgnore: true*/ dir);
  const root = dataRoot();
  const inside = absolute === root || absolute.startsWith(root + path.sep);
  if (inside) {
    fs.mkdirSync(root, { recursive: true, mode: DIR_MODE });
    tighten(root, DIR_MODE);
  }
  fs.mkdirSync(absolute, { recursive: true, mode: DIR_MODE });
  tighten(absolute, DIR_MODE);
  return absolute;
}

/** `.data/<subpath>` as a private directory (see ensurePrivateDir); `.data/` itself without a subpath. */
export function ensureDataDir(subpath = ''): string {
  return ensurePrivateDir(path.join(dataRoot(), subpath));
}

/** The path of `.data/<name>`, the directory made private first and an existing file tightened to 0600. */
export function dataFilePath(name: string): string {
  const file = path.join(ensureDataDir(), name);
  try {
    tighten(file, FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return file;
}
