'use client';

import { RotateCwIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';

/** Starts the run again (see useRerun); spins while the new run is being created. */
export function RerunButton({ onClick, pending }: { onClick: () => void; pending: boolean }) {
  return (
    <Button variant="outline" onClick={onClick} disabled={pending} data-testid="rerun-button">
      {pending ? <Spinner label="Starting run" /> : <RotateCwIcon aria-hidden="true" />}
      Re-run
    </Button>
  );
}
