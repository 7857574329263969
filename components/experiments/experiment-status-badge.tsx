import { BanIcon, CircleCheckIcon, ClockIcon, Loader2Icon } from 'lucide-react';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import type { ExperimentStatus } from '@/lib/client/experiment-types';
import { cn } from '@/lib/utils';

const LOOK: Record<ExperimentStatus, { variant: BadgeProps['variant']; icon: typeof ClockIcon; label: string }> = {
  queued: { variant: 'secondary', icon: ClockIcon, label: 'Queued' },
  running: { variant: 'warning', icon: Loader2Icon, label: 'Running' },
  completed: { variant: 'success', icon: CircleCheckIcon, label: 'Completed' },
  canceled: { variant: 'outline', icon: BanIcon, label: 'Canceled' },
};

export function ExperimentStatusBadge({ status, className, ...props }: { status: ExperimentStatus } & Omit<BadgeProps, 'children' | 'variant'>) {
  const { variant, icon: Icon, label } = LOOK[status];
  return (
    <Badge variant={variant} data-status={status} className={cn('gap-1', className)} {...props}>
      <Icon aria-hidden="true" className={cn(status === 'running' && 'animate-spin motion-reduce:animate-none')} />
      {label}
    </Badge>
  );
}
