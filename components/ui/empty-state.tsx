import * as React from 'react';

import { cn } from '@/lib/utils';

export type EmptyStateProps = Omit<React.ComponentProps<'div'>, 'title'> & {
  /** An icon element, e.g. <FileText />. Rendered decoratively. */
  icon?: React.ReactNode;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Call to action, e.g. a <Button>. */
  action?: React.ReactNode;
  /** Heading element for the title. Default 'h2'. */
  titleAs?: 'h2' | 'h3' | 'p';
};

export function EmptyState({
  icon,
  title,
  description,
  action,
  titleAs: Title = 'h2',
  className,
  children,
  ...props
}: EmptyStateProps) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        'flex flex-col items-center justify-center gap-4 rounded-xl border border-dashed px-6 py-12 text-center',
        className,
      )}
      {...props}
    >
      {icon ? (
        <div
          aria-hidden="true"
          className="flex size-12 items-center justify-center rounded-full bg-primary/10 text-primary [&_svg]:size-6"
        >
          {icon}
        </div>
      ) : null}
      <div className="flex max-w-sm flex-col gap-1.5">
        <Title className="text-base font-semibold text-foreground">{title}</Title>
        {description ? <p className="text-sm text-balance text-muted-foreground">{description}</p> : null}
      </div>
      {action ? <div className="flex flex-wrap items-center justify-center gap-2">{action}</div> : null}
      {children}
    </div>
  );
}
