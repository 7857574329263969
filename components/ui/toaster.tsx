'use client';

import * as React from 'react';
import Link from 'next/link';
import { CircleAlertIcon, CircleCheckIcon, InfoIcon, XIcon } from 'lucide-react';

import { cn } from '@/lib/utils';

export type ToastVariant = 'default' | 'success' | 'error';

export interface ToastOptions {
  /** One toast per topic: a new toast with the id of a visible one replaces it (e.g. `save:<promptId>`). */
  id?: string;
  title: string;
  description?: string;
  variant?: ToastVariant;
  /** A link to what the toast is about (e.g. the dataset a run was added to). */
  link?: { label: string; href: string };
  /** Auto-dismiss delay in ms. Default 4000. */
  duration?: number;
}

interface ToastItem {
  id: string;
  title: string;
  description?: string;
  variant: ToastVariant;
  link?: { label: string; href: string };
}

interface Timer {
  handle?: ReturnType<typeof setTimeout>;
  remaining: number;
  startedAt: number;
}

const MAX_TOASTS = 3;
const EMPTY: ToastItem[] = [];

// ---- module-level store ---------------------------------------------------
let toasts: ToastItem[] = EMPTY;
let paused = false;
const listeners = new Set<() => void>();
const timers = new Map<string, Timer>();

function setToasts(next: ToastItem[]) {
  toasts = next;
  listeners.forEach((l) => l());
}

function startTimer(id: string, t: Timer) {
  t.startedAt = Date.now();
  t.handle = setTimeout(() => dismissToast(id), t.remaining);
}

function clearTimer(id: string) {
  const t = timers.get(id);
  if (t?.handle) clearTimeout(t.handle);
  timers.delete(id);
}

export function dismissToast(id: string): void {
  clearTimer(id);
  setToasts(toasts.filter((x) => x.id !== id));
  // Nothing left to hover: never stay stuck in the paused state.
  if (toasts.length === 0) paused = false;
}

/** Show a toast from any client component. Returns its id and a dismiss function. */
export function toast({ id: topic, title, description, variant = 'default', link, duration = 4000 }: ToastOptions) {
  // Without an id the title is the topic: the same message twice shows once.
  const id = topic ?? `title:${title}`;
  const item: ToastItem = { id, title, description, variant, link };
  const replacing = toasts.some((x) => x.id === id);
  if (replacing) clearTimer(id);
  const next = replacing ? toasts.map((x) => (x.id === id ? item : x)) : [...toasts, item];
  // The oldest go first: at most MAX_TOASTS on screen.
  next.slice(0, Math.max(0, next.length - MAX_TOASTS)).forEach((x) => clearTimer(x.id));
  setToasts(next.slice(-MAX_TOASTS));
  const timer: Timer = { remaining: duration, startedAt: Date.now() };
  timers.set(id, timer);
  if (!paused) startTimer(id, timer);
  return { id, dismiss: () => dismissToast(id) };
}

/** The toasts on screen, oldest first. */
export const visibleToasts = (): readonly ToastItem[] => toasts;

/** Pause auto-dismiss while the user hovers/focuses the toasts (WCAG 2.2.1). */
function setPaused(value: boolean) {
  if (paused === value) return;
  paused = value;
  timers.forEach((t, id) => {
    if (value) {
      if (t.handle) clearTimeout(t.handle);
      t.handle = undefined;
      t.remaining = Math.max(1000, t.remaining - (Date.now() - t.startedAt));
    } else {
      startTimer(id, t);
    }
  });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

// ---- UI ---------------------------------------------------------------------
const icons = { default: InfoIcon, success: CircleCheckIcon, error: CircleAlertIcon } as const;
const iconColor = { default: 'text-primary', success: 'text-success', error: 'text-destructive' } as const;

/** Mount once (root layout). Renders a polite live region, stacked bottom-right. */
export function Toaster() {
  const items = React.useSyncExternalStore(subscribe, () => toasts, () => EMPTY);

  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="Notifications"
      data-slot="toaster"
      className="pointer-events-none fixed right-0 bottom-0 z-[100] flex w-full flex-col items-end gap-2 p-4 sm:max-w-sm"
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setPaused(false);
      }}
    >
      {items.map((t) => {
        const Icon = icons[t.variant];
        return (
          <div
            key={t.id}
            data-slot="toast"
            data-variant={t.variant}
            className={cn(
              'pointer-events-auto flex w-full animate-toast-in items-start gap-3 rounded-lg border bg-popover p-4 pr-10 text-popover-foreground shadow-lg',
              'relative',
              t.variant === 'error' && 'border-destructive/40',
              t.variant === 'success' && 'border-success/40',
            )}
          >
            <Icon aria-hidden="true" className={cn('mt-0.5 size-4 shrink-0', iconColor[t.variant])} />
            <div className="grid min-w-0 gap-1">
              <p className="text-sm leading-tight font-medium">{t.title}</p>
              {t.description ? <p className="text-sm break-words text-muted-foreground">{t.description}</p> : null}
              {t.link ? (
                <Link href={t.link.href} onClick={() => dismissToast(t.id)} className="w-fit text-sm font-medium text-primary underline-offset-4 hover:underline" data-testid="toast-link">
                  {t.link.label}
                </Link>
              ) : null}
            </div>
            <button
              type="button"
              onClick={() => dismissToast(t.id)}
              aria-label="Dismiss notification"
              className="absolute top-3 right-3 rounded-sm p-0.5 text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
            >
              <XIcon aria-hidden="true" className="size-4" />
            </button>
          </div>
        );
      })}
    </div>
  );
}
