'use client';

import { useRef } from 'react';
import { cn } from '@/lib/utils';

export type PlaygroundTab = 'output' | 'history';

const TABS: { id: PlaygroundTab; label: string }[] = [
  { id: 'output', label: 'Output' },
  { id: 'history', label: 'History' },
];

/** The right pane's tabs (WAI-ARIA tabs: arrow keys move between them, Home/End jump). */
export function PlaygroundTabs({ value, onChange }: { value: PlaygroundTab; onChange: (tab: PlaygroundTab) => void }) {
  const list = useRef<HTMLDivElement>(null);

  function onKeyDown(event: React.KeyboardEvent) {
    const i = TABS.findIndex((t) => t.id === value);
    const next =
      event.key === 'ArrowRight' ? (i + 1) % TABS.length : event.key === 'ArrowLeft' ? (i - 1 + TABS.length) % TABS.length : event.key === 'Home' ? 0 : event.key === 'End' ? TABS.length - 1 : null;
    if (next === null) return;
    event.preventDefault();
    const tab = TABS[next]!;
    onChange(tab.id);
    list.current?.querySelector<HTMLElement>(`#tab-${tab.id}`)?.focus();
  }

  return (
    <div ref={list} role="tablist" aria-label="Run results" className="inline-flex rounded-lg bg-muted p-0.5" onKeyDown={onKeyDown}>
      {TABS.map((tab) => (
        <button
          key={tab.id}
          id={`tab-${tab.id}`}
          type="button"
          role="tab"
          aria-selected={value === tab.id}
          aria-controls={`tab-panel-${tab.id}`}
          tabIndex={value === tab.id ? 0 : -1}
          onClick={() => onChange(tab.id)}
          className={cn(
            'rounded-md px-3 py-1 text-sm font-medium outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50',
            value === tab.id ? 'bg-background text-foreground shadow-xs' : 'text-muted-foreground hover:text-foreground',
          )}
          data-testid={`tab-${tab.id}`}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
