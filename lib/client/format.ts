'use client';

import { useSyncExternalStore } from 'react';

// One shared clock for every relative timestamp on the page, ticking every 30 s while anyone listens.
let now = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  now = Date.now();
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Current time in ms, re-rendering periodically; 0 until mounted (server and first render). */
export function useNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => 0,
  );
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "3 minutes ago", "yesterday"; "just now" under 45 s; the absolute time before the clock starts. */
export function formatRelative(iso: string, nowMs: number = Date.now()): string {
  const then = Date.parse(iso);
  if (!nowMs || Number.isNaN(then)) return formatAbsolute(iso);
  const seconds = Math.round((then - nowMs) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds / 60), 'minute');
}

export function formatAbsolute(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}


// One locale for money, so a cost reads the same on every page and for every viewer ("$0.0012").
const cents = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const fractions = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** "$0.0012", "$0.05", "$12.34", "< $0.0001", "$0" (free, e.g. served from the cache); null is "unknown", never free. */
export function formatCost(costUsd: number | null): string {
  if (costUsd === null || !Number.isFinite(costUsd)) return 'unknown';
  if (costUsd === 0) return '$0';
  if (Math.abs(costUsd) < 0.0001) return '< $0.0001';
  return (Math.abs(costUsd) < 1 ? fractions : cents).format(costUsd);
}

const integer = new Intl.NumberFormat('en-US');
/** Token and other counts: "1,234". */
export function formatCount(n: number): string {
  return integer.format(n);
}
