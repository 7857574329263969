import { LockIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/lib/utils';
import { badgeLook, splitText, targetsText, type BadgeLook, type LabelTarget } from './label-model';

const VARIANT: Record<BadgeLook, 'success' | 'warning' | 'outline'> = { production: 'success', staging: 'warning', neutral: 'outline' };

type Props = { name: string; targets: readonly LabelTarget[]; protected?: boolean; className?: string };

/** A label's name, "90/10" when it splits traffic, a lock when only admins may move it. */
export function LabelBadge({ name, targets, protected: locked = false, className }: Props) {
  const split = splitText(targets);
  const title = `${name} → ${targetsText(targets)}${locked ? ' (protected: only admins move it)' : ''}`;
  return (
    <Badge
      variant={VARIANT[badgeLook(name)]}
      className={cn('max-w-40 px-1.5 py-0 font-mono', className)}
      title={title}
      data-testid={`label-badge-${name}`}
      data-look={badgeLook(name)}
    >
      {locked ? <LockIcon aria-label="protected" /> : null}
      <span className="truncate">{name}</span>
      {split ? <span className="opacity-75">{split}</span> : null}
    </Badge>
  );
}
