'use client';

import { useState } from 'react';
import { RocketIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { DeployDialog, type DeployPreset } from './deploy-dialog';
import { useWorkspaceRole } from './use-labels';

type Props = { promptId: string; versionNumber: number; experimentName: string; label?: string };

/** "Promote v3 to production": the deploy dialog, prefilled with the winner and a note naming the experiment. */
export function PromoteWinner({ promptId, versionNumber, experimentName, label = 'production' }: Props) {
  const { canDeploy } = useWorkspaceRole();
  const [preset, setPreset] = useState<DeployPreset | null>(null);
  if (!canDeploy) return null;
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        className="w-fit"
        onClick={() => setPreset({ versionNumber, label, note: `Promoted from experiment ${experimentName}`.slice(0, 500) })}
        data-testid="promote-winner"
      >
        <RocketIcon aria-hidden="true" />
        Promote v{versionNumber} to {label}
      </Button>
      <DeployDialog promptId={promptId} preset={preset} onOpenChange={(open) => !open && setPreset(null)} />
    </>
  );
}
