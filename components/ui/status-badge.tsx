import type { LucideIcon } from 'lucide-react';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { cn } from '@/lib/utils';

export type StatusLook = { variant: BadgeProps['variant']; icon: LucideIcon; label: string };

/** A status as a badge with its icon; `running` spins (unless the user asks for less motion). */
export function StatusBadge<S extends string>({ status, looks, className, ...props }: { status: S; looks: Record<S, StatusLook> } & Omit<BadgeProps, 'children' | 'variant'>) {
  const { variant, icon: Icon, label } = looks[status];
  return (
    <Badge variant={variant} data-status={status} className={cn('gap-1', className)} {...props}>
      <Icon aria-hidden="true" className={cn(status === 'running' && 'animate-spin motion-reduce:animate-none')} />
      {label}
    </Badge>
  );
}
