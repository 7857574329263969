import { describe, expect, it } from 'vitest';
import { keepInEntry, MAX_ENTRY_CHARS, MAX_KEPT_ITEM_CHARS, MAX_KEPT_PER_PROMPT, type DeliveryEntry } from '@/lib/delivery/delivery-cache';

const entry = (): DeliveryEntry => ({
  workspaceId: 'w',
  prompt: { id: 'p', slug: 's', title: 't', latestVersionNumber: 1 },
  labels: new Map(),
  kept: new Map(),
  keptChars: 0,
});
const served = (chars: number) => ({ chars, served: { etag: '"x"', body: 'x'.repeat(chars), resolved: {} as never } });

describe('what a delivery cache entry keeps', () => {
  it('keeps nothing over the item limit (it is served from the database instead)', () => {
    const e = entry();
    keepInEntry(e, 'b:big', served(MAX_KEPT_ITEM_CHARS + 1));
    expect(e.kept.size).toBe(0);
    expect(e.keptChars).toBe(0);
  });

  it('stays within its total by evicting the oldest items', () => {
    const e = entry();
    const size = Math.floor(MAX_KEPT_ITEM_CHARS / 2);
    for (let i = 0; i < 20; i += 1) keepInEntry(e, `b:${i}`, served(size));
    expect(e.keptChars).toBeLessThanOrEqual(MAX_ENTRY_CHARS);
    expect(e.kept.has('b:19')).toBe(true);
    expect(e.kept.has('b:0')).toBe(false);
    expect(e.keptChars).toBe([...e.kept.values()].reduce((sum, item) => sum + item.chars, 0));
  });

  it('keeps at most MAX_KEPT_PER_PROMPT small items', () => {
    const e = entry();
    for (let i = 0; i < MAX_KEPT_PER_PROMPT * 3; i += 1) keepInEntry(e, `v:${i}`, served(10));
    expect(e.kept.size).toBe(MAX_KEPT_PER_PROMPT);
    expect(e.kept.has(`v:${MAX_KEPT_PER_PROMPT * 3 - 1}`)).toBe(true);
  });
});
