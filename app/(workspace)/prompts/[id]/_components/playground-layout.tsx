'use client';

import { useSyncExternalStore } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';

const WIDE = '(min-width: 64rem)'; // Tailwind's lg
const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(WIDE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};
const isWide = () => window.matchMedia(WIDE).matches;

/**
 * Editor left, output right in a resizable split whose size is remembered (localStorage); stacked on narrow
 * screens. On wide screens each side scrolls on its own, so the output never ends up below the fold. The scrollers
 * are positioned so absolutely placed descendants (sr-only text) are clipped too instead of lengthening the page.
 */
export function PlaygroundLayout({ left, right }: { left: React.ReactNode; right: React.ReactNode }) {
  const wide = useSyncExternalStore(subscribe, isWide, () => false);
  const layout = useDefaultLayout({ id: 'promptlab:playground-split', storage: typeof window === 'undefined' ? undefined : window.localStorage });
  if (!wide) {
    return (
      <div className="grid gap-6" data-testid="playground-stacked">
        <div className="grid min-w-0 content-start gap-5">{left}</div>
        <div className="min-w-0">{right}</div>
      </div>
    );
  }
  return (
    <Group
      id="playground-split"
      orientation="horizontal"
      defaultLayout={layout.defaultLayout}
      onLayoutChanged={layout.onLayoutChanged}
      className="min-h-0 flex-1"
      data-testid="playground-split"
    >
      <Panel id="editor" minSize="28%" defaultSize="52%" className="min-w-0">
        <div className="relative grid h-full min-w-0 content-start gap-5 overflow-y-auto pr-3 pb-6" data-pane-scroller>
          {left}
        </div>
      </Panel>
      <Separator
        className="group relative w-2 shrink-0 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        aria-label="Resize the editor and the output"
        data-testid="playground-resize"
      >
        <span aria-hidden="true" className="absolute inset-y-0 left-1/2 w-px -translate-x-1/2 bg-border transition-colors group-hover:bg-primary/60 group-data-[separator=active]:bg-primary" />
      </Separator>
      <Panel id="output" minSize="28%" defaultSize="48%" className="min-w-0">
        <div className="relative h-full min-w-0 overflow-y-auto pb-6 pl-3" data-pane-scroller>
          {right}
        </div>
      </Panel>
    </Group>
  );
}
