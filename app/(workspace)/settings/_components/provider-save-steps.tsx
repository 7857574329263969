'use client';

import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { SaveStep } from './use-provider-save';

type Props = { step: SaveStep; onConfirm: (confirmed: { replace?: boolean; untested?: boolean }) => void; onBack: () => void };

/** The questions a save can stop at: replace an entry with the same label, or save an endpoint that failed its test. */
export function ProviderSaveSteps({ step, onConfirm, onBack }: Props) {
  if (step.kind === 'form') return null;
  if (step.kind === 'confirm-replace') {
    return (
      <Alert data-testid="provider-confirm-replace">
        <AlertTitle>Replace “{step.label}”?</AlertTitle>
        <AlertDescription className="space-y-3">
          <p>A provider is already saved under this label. Saving replaces its key and base URL.</p>
          <div className="flex flex-wrap gap-2">
            <Button type="button" size="sm" data-primary onClick={() => onConfirm({ replace: true })} data-testid="provider-replace">
              Replace it
            </Button>
            <Button type="button" size="sm" variant="ghost" onClick={onBack}>
              Keep the saved one
            </Button>
          </div>
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <Alert variant="destructive" data-testid="provider-test-failed">
      <AlertTitle>The endpoint did not answer the test</AlertTitle>
      <AlertDescription className="space-y-3">
        <p data-testid="provider-test-reason">{step.reason}</p>
        <div className="flex flex-wrap gap-2">
          <Button type="button" size="sm" variant="outline" onClick={() => onConfirm({ replace: true, untested: true })} data-testid="provider-save-anyway">
            Save anyway
          </Button>
          <Button type="button" size="sm" variant="ghost" onClick={onBack}>
            Change the settings
          </Button>
        </div>
      </AlertDescription>
    </Alert>
  );
}
