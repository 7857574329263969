import { BanIcon, CircleCheckIcon, ClockIcon, Loader2Icon } from 'lucide-react';
import type { BadgeProps } from '@/components/ui/badge';
import { StatusBadge, type StatusLook } from '@/components/ui/status-badge';
import type { ExperimentStatus } from '@/lib/client/experiment-types';

const LOOK: Record<ExperimentStatus, StatusLook> = {
  queued: { variant: 'secondary', icon: ClockIcon, label: 'Queued' },
  running: { variant: 'warning', icon: Loader2Icon, label: 'Running' },
  completed: { variant: 'success', icon: CircleCheckIcon, label: 'Completed' },
  canceled: { variant: 'outline', icon: BanIcon, label: 'Canceled' },
};

export function ExperimentStatusBadge(props: { status: ExperimentStatus } & Omit<BadgeProps, 'children' | 'variant'>) {
  return <StatusBadge looks={LOOK} {...props} />;
}
