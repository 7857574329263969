import { afterEach, describe, expect, it, vi } from 'vitest';
import { dismissToast, toast, visibleToasts } from '@/components/ui/toaster';

afterEach(() => {
  for (const t of visibleToasts()) dismissToast(t.id);
  vi.useRealTimers();
});

describe('toast', () => {
  it('replaces the toast of the same topic instead of stacking another', () => {
    toast({ id: 'save:p1', title: 'Saving…' });
    toast({ id: 'save:p1', title: 'Saved version 2', variant: 'success' });
    expect(visibleToasts().map((t) => t.title)).toEqual(['Saved version 2']);
  });

  it('shows the same message once when it has no topic', () => {
    toast({ title: 'Could not remove “a”', variant: 'error' });
    toast({ title: 'Could not remove “a”', variant: 'error' });
    expect(visibleToasts()).toHaveLength(1);
  });

  it('keeps at most three on screen, dropping the oldest', () => {
    for (const n of [1, 2, 3, 4, 5]) toast({ title: `Toast ${n}` });
    expect(visibleToasts().map((t) => t.title)).toEqual(['Toast 3', 'Toast 4', 'Toast 5']);
  });

  it('restarts the timer of a replaced toast', () => {
    vi.useFakeTimers();
    toast({ id: 'x', title: 'first', duration: 1000 });
    vi.advanceTimersByTime(800);
    toast({ id: 'x', title: 'second', duration: 1000 });
    vi.advanceTimersByTime(800);
    expect(visibleToasts().map((t) => t.title)).toEqual(['second']);
    vi.advanceTimersByTime(300);
    expect(visibleToasts()).toEqual([]);
  });
});
