'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Kbd, KbdGroup } from '@/components/ui/kbd';

type Shortcut = { keys: string[]; action: string };

// Only the shortcuts the app really has: keep in step with the key handlers (prompt list, editor, playground,
// dataset grid, experiment grid).
const GROUPS: { title: string; items: (mod: string) => Shortcut[] }[] = [
  {
    title: 'Prompt editor',
    items: (mod) => [
      { keys: [mod, 'Enter'], action: 'Run what is in the editor' },
      { keys: [mod, 'S'], action: 'Save as a new version' },
      { keys: [mod, 'F'], action: 'Search in the template' },
    ],
  },
  {
    title: 'Prompt list',
    items: () => [
      { keys: ['/'], action: 'Search prompts' },
      { keys: ['N'], action: 'New prompt' },
    ],
  },
  {
    title: 'Datasets',
    items: (mod) => [
      { keys: ['/'], action: 'Search datasets' },
      { keys: ['N'], action: 'New dataset' },
      { keys: ['I'], action: 'Import a file' },
      { keys: ['↑ ↓ ← →'], action: 'Move in the item grid' },
      { keys: ['Enter'], action: 'Edit the cell (Enter again saves, Esc cancels)' },
      { keys: [mod, 'Home'], action: 'First or last row (with End)' },
    ],
  },
  {
    title: 'Experiment grid',
    items: (mod) => [
      { keys: ['↑ ↓ ← →'], action: 'Move between cells (PgUp, PgDn, Home, End too)' },
      { keys: [mod, 'Home'], action: 'First or last cell (with End)' },
      { keys: ['Enter'], action: 'Expand the cell' },
      { keys: ['Space'], action: 'Select the cell for a diff' },
      { keys: ['D'], action: 'Diff the two selected cells' },
      { keys: ['O'], action: "Open the cell's run" },
    ],
  },
  {
    title: 'Anywhere',
    items: () => [
      { keys: ['?'], action: 'Show these shortcuts' },
      { keys: ['Esc'], action: 'Close a dialog or menu' },
    ],
  },
];

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable="true"], [role="textbox"]') !== null;

const OPEN_EVENT = 'promptlab-open-shortcuts';

/** Opens the sheet from a menu item (the sheet is mounted once, in the app shell). */
export function openShortcutSheet(): void {
  window.dispatchEvent(new Event(OPEN_EVENT));
}

const noSubscribe = () => () => {};
const isApple = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The keyboard shortcut sheet: `?` opens it (not while typing), Escape closes it. */
export function ShortcutSheet() {
  const [open, setOpen] = useState(false);
  const mod = useSyncExternalStore(noSubscribe, () => (isApple() ? '⌘' : 'Ctrl'), () => 'Ctrl');

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTyping(event.target)) return;
      event.preventDefault();
      setOpen(true);
    }
    const show = () => setOpen(true);
    window.addEventListener('keydown', onKey);
    window.addEventListener(OPEN_EVENT, show);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener(OPEN_EVENT, show);
    };
  }, []);

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogContent className="sm:max-w-md" data-testid="shortcut-sheet">
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>{mod === '⌘' ? '⌘ is the Command key.' : 'On a Mac, use ⌘ instead of Ctrl.'}</DialogDescription>
        </DialogHeader>
        {GROUPS.map((group) => (
          <section key={group.title} className="grid gap-2">
            <h3 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{group.title}</h3>
            <dl className="grid gap-1.5">
              {group.items(mod).map((item) => (
                <div key={item.action} className="flex items-center justify-between gap-4 text-sm">
                  <dt>{item.action}</dt>
                  <dd>
                    <span className="sr-only">{item.keys.join(' + ')}</span>
                    <KbdGroup aria-hidden>
                      {item.keys.map((key) => (
                        <Kbd key={key}>{key}</Kbd>
                      ))}
                    </KbdGroup>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </DialogContent>
    </Dialog>
  );
}
