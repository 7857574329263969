import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { decryptSecret, encryptSecret, SecretBoxError } from '@/lib/crypto/secret-box';

const key = randomBytes(32);

describe('secret box', () => {
  it('round-trips, in the versioned format, with a fresh IV every time', () => {
    const plain = 'sk-test-1234567890abcdef ünïcødé';
    const box = encryptSecret(plain, key);
    expect(box).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(box).not.toContain('sk-test');
    expect(decryptSecret(box, key)).toBe(plain);
    expect(encryptSecret(plain, key)).not.toBe(box);
  });

  it('round-trips an empty string', () => {
    expect(decryptSecret(encryptSecret('', key), key)).toBe('');
  });

  it('detects tampering with the ciphertext, the tag or the IV', () => {
    const box = encryptSecret('sk-secret-value', key);
    const [version, iv, tag, data] = box.split(':') as [string, string, string, string];
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = bytes[0]! ^ 0x01;
      return bytes.toString('base64');
    };
    for (const altered of [
      [version, iv, tag, flip(data)],
      [version, iv, flip(tag), data],
      [version, flip(iv), tag, data],
    ]) {
      expect(() => decryptSecret(altered.join(':'), key)).toThrow(SecretBoxError);
    }
  });

  it('refuses a box sealed under another key', () => {
    const box = encryptSecret('sk-secret-value', key);
    expect(() => decryptSecret(box, randomBytes(32))).toThrow(/altered or encrypted with another ENCRYPTION_KEY/);
  });

  it('refuses unknown versions and malformed boxes', () => {
    const box = encryptSecret('x', key);
    expect(() => decryptSecret(box.replace(/^v1:/, 'v2:'), key)).toThrow(SecretBoxError);
    expect(() => decryptSecret('not a box', key)).toThrow(SecretBoxError);
    expect(() => decryptSecret('v1:AAAA:AAAA:AAAA', key)).toThrow(SecretBoxError);
  });

  it('uses ENCRYPTION_KEY from the environment by default', async () => {
    vi.resetModules();
    const configured = randomBytes(32);
    const previous = process.env.ENCRYPTION_KEY;
    process.env.ENCRYPTION_KEY = configured.toString('base64');
    try {
      const fresh = await import('@/lib/crypto/secret-box');
      const box = fresh.encryptSecret('hello');
      expect(fresh.decryptSecret(box, configured)).toBe('hello');
      expect(fresh.getEncryptionKey().equals(configured)).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.ENCRYPTION_KEY;
      else process.env.ENCRYPTION_KEY = previous;
      vi.resetModules();
    }
  });
});
