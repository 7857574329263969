import * as React from 'react';

import { cn } from '@/lib/utils';

/** Decorative loading placeholder (hidden from assistive tech by default). */
export function Skeleton({ className, ...props }: React.ComponentProps<'div'>) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn('animate-pulse rounded-md bg-muted dark:bg-muted/70', className)}
      {...props}
    />
  );
}
