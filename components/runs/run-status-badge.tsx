import { BanIcon, CircleCheckIcon, CircleXIcon, ClockIcon, Loader2Icon } from 'lucide-react';
import type { BadgeProps } from '@/components/ui/badge';
import { StatusBadge, type StatusLook } from '@/components/ui/status-badge';
import type { RunStatus } from '@/lib/client/types';

const LOOK: Record<RunStatus, StatusLook> = {
  queued: { variant: 'secondary', icon: ClockIcon, label: 'Queued' },
  running: { variant: 'warning', icon: Loader2Icon, label: 'Running' },
  succeeded: { variant: 'success', icon: CircleCheckIcon, label: 'Succeeded' },
  failed: { variant: 'destructive', icon: CircleXIcon, label: 'Failed' },
  canceled: { variant: 'outline', icon: BanIcon, label: 'Canceled' },
};

export function RunStatusBadge(props: { status: RunStatus } & Omit<BadgeProps, 'children' | 'variant'>) {
  return <StatusBadge looks={LOOK} {...props} />;
}
