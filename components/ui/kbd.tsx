import * as React from 'react';

import { cn } from '@/lib/utils';

/** Keyboard hint, e.g. <Kbd>⌘</Kbd><Kbd>K</Kbd>. Decorative in buttons: pass aria-hidden there. */
export function Kbd({ className, ...props }: React.ComponentProps<'kbd'>) {
  return (
    <kbd
      data-slot="kbd"
      className={cn(
        'pointer-events-none inline-flex h-5 min-w-5 items-center justify-center gap-1 rounded border border-b-2 bg-muted px-1 font-mono text-[0.6875rem] leading-none font-medium text-muted-foreground select-none',
        className,
      )}
      {...props}
    />
  );
}

/** Groups several Kbd elements with consistent spacing. */
export function KbdGroup({ className, ...props }: React.ComponentProps<'span'>) {
  return <span data-slot="kbd-group" className={cn('inline-flex items-center gap-1', className)} {...props} />;
}
