import { CalendarX2Icon } from 'lucide-react';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ModelWarning } from '@/lib/llm/model-warnings';
import { cn } from '@/lib/utils';

type Props = {
  warnings: readonly ModelWarning[];
  /** Offered as a one-click switch to the provider's replacement; omitted where the model can't be changed. */
  onSwitch?: (warning: ModelWarning, replacement: string) => void;
  className?: string;
  testId?: string;
};

/** A retired or soon-retired model, with its replacement; nothing when there is no warning. */
export function ModelWarnings({ warnings, onSwitch, className, testId = 'model-warning' }: Props) {
  if (warnings.length === 0) return null;
  return (
    <div className={cn('grid gap-2', className)}>
      {warnings.map((warning) => (
        // role="status": a standing notice about the chosen model, not an interruption.
        <Alert key={`${warning.provider}/${warning.model}`} variant="warning" role="status" data-testid={testId} data-code={warning.code}>
          <CalendarX2Icon aria-hidden="true" />
          <AlertTitle className="line-clamp-none">{warning.code === 'MODEL_RETIRED' ? `${warning.model} is retired` : `${warning.model} retires soon`}</AlertTitle>
          <AlertDescription className="break-words">
            <p>{warning.message}</p>
            {onSwitch && warning.replacement ? (
              <Button
                type="button"
                variant="outline"
                size="sm"
                className="mt-1"
                onClick={() => onSwitch(warning, warning.replacement ?? '')}
                data-testid={`${testId}-switch`}
              >
                Use <span className="font-mono">{warning.replacement}</span>
              </Button>
            ) : null}
          </AlertDescription>
        </Alert>
      ))}
    </div>
  );
}
