/** `.data/` holds the embedded database, the auth secret, the encryption key and the signing keys: owner-only. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '@/db/client';
import { dataFilePath, ensureDataDir, ensurePrivateDir } from '@/lib/data-dir';

const modeOf = (target: string) => fs.statSync(target).mode & 0o777;

let home: string;
const originalCwd = process.cwd();

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-data-'));
  fs.chmodSync(home, 0o755);
  process.chdir(home); // `.data/` is resolved against the working directory
});

afterEach(() => {
  process.chdir(originalCwd);
  vi.unstubAllEnvs();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('ensureDataDir and dataFilePath', () => {
  it('create .data/ with mode 0700', () => {
    expect(ensureDataDir()).toBe(path.join(fs.realpathSync(home), '.data'));
    expect(modeOf('.data')).toBe(0o700);
    ensureDataDir('pglite');
    expect(modeOf('.data/pglite')).toBe(0o700);
  });

  it('tighten a .data/ and files created with looser modes, and never loosen a stricter one', () => {
    fs.mkdirSync('.data', { mode: 0o777 });
    fs.chmodSync('.data', 0o777);
    fs.writeFileSync('.data/auth-secret', 'x');
    fs.chmodSync('.data/auth-secret', 0o644);
    const file = dataFilePath('auth-secret');
    expect(file).toBe(path.join(fs.realpathSync(home), '.data', 'auth-secret'));
    expect(modeOf('.data')).toBe(0o700);
    expect(modeOf('.data/auth-secret')).toBe(0o600);

    fs.chmodSync('.data', 0o500);
    ensureDataDir();
    expect(modeOf('.data')).toBe(0o500);
    fs.chmodSync('.data', 0o700);
  });

  it('leave the parents of a directory outside .data/ alone', () => {
    const outside = path.join(home, 'srv', 'pglite');
    ensurePrivateDir(outside);
    expect(modeOf(outside)).toBe(0o700);
    expect(modeOf(home)).toBe(0o755);
    expect(fs.existsSync('.data')).toBe(false);
  });
});

describe('what PromptLab writes into .data/', () => {
  it('the generated auth secret, encryption key and signing keys are 0600 in a 0700 .data/', async () => {
    vi.resetModules();
    vi.stubEnv('AUTH_SECRET', '');
    vi.stubEnv('ENCRYPTION_KEY', '');
    vi.stubEnv('QSTASH_TOKEN', '');
    fs.mkdirSync('.data', { mode: 0o755 });
    fs.chmodSync('.data', 0o755);
    const [{ getAuthSecret }, { getEncryptionKey }, { getSigningKeys }] = await Promise.all([
      import('@/lib/auth/secret'),
      import('@/lib/crypto/secret-box'),
      import('@/lib/queue/signing-keys'),
    ]);
    getAuthSecret();
    getEncryptionKey();
    getSigningKeys();
    expect(modeOf('.data')).toBe(0o700);
    for (const name of ['auth-secret', 'encryption-key', 'qstash-signing-keys.json']) expect(modeOf(`.data/${name}`)).toBe(0o600);
  });

  it('the embedded database directory is 0700 and its lock 0600', async () => {
    fs.mkdirSync('.data/pglite', { recursive: true, mode: 0o755 });
    fs.chmodSync('.data', 0o755);
    fs.chmodSync('.data/pglite', 0o755);
    const handle = await openDatabase({ driver: 'pglite', pgliteDir: '.data/pglite', migrate: false });
    try {
      expect(modeOf('.data')).toBe(0o700);
      expect(modeOf('.data/pglite')).toBe(0o700);
      expect(modeOf('.data/pglite.lock')).toBe(0o600);
    } finally {
      await handle.close();
    }
  });
});
