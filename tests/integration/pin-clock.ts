import { afterAll, beforeAll, vi } from 'vitest';

/**
 * Rate-limit windows are aligned to the minute (and hour): a slow test that straddles a boundary sees the window
 * slide and lets one attempt more through. Pins `Date` (only: timers stay real) 20 s into the current hour.
 */
export function pinClock(): () => void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 20_000);
  return () => vi.useRealTimers();
}

/** pinClock for every test of the file. */
export function pinClockMidWindow() {
  let restore = () => {};
  beforeAll(() => {
    restore = pinClock();
  });
  afterAll(() => restore());
}
