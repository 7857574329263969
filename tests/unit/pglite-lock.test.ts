import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquirePgliteLock, DatabaseInUseError } from '@/db/pglite-lock';

const tempDir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pl-lock-')), 'pglite');

describe('acquirePgliteLock', () => {
  it('refuses a directory another live process holds', () => {
    const dir = tempDir();
    fs.writeFileSync(`${dir}.lock`, String(process.ppid)); // the parent is alive
    expect(() => acquirePgliteLock(dir)).toThrow(DatabaseInUseError);
    expect(() => acquirePgliteLock(dir)).toThrow(`in use by process ${process.ppid}`);
  });

  it('takes over a lock left by a dead process, and releases it', () => {
    const dir = tempDir();
    fs.writeFileSync(`${dir}.lock`, '999999999');
    const release = acquirePgliteLock(dir);
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });
});
