import { CircleCheckIcon, CircleXIcon } from 'lucide-react';
import type { Run } from '@/lib/client/types';

type OutputCheck = NonNullable<Run['outputCheck']>;

/** Whether structured output matched the settings' JSON Schema, and if not, why. */
export function RunOutputCheck({ check }: { check: OutputCheck }) {
  if (check.valid) {
    return (
      <p className="flex items-center gap-1.5 text-xs text-success" data-testid="run-output-check" data-valid="true">
        <CircleCheckIcon aria-hidden="true" className="size-3.5" />
        Valid JSON for the response schema
      </p>
    );
  }
  return (
    <div className="grid gap-1 text-xs text-destructive" data-testid="run-output-check" data-valid="false">
      <p className="flex items-center gap-1.5 font-medium">
        <CircleXIcon aria-hidden="true" className="size-3.5" />
        Does not match the response schema
      </p>
      {check.errors.length ? (
        <ul className="list-disc pl-8">
          {check.errors.map((error, i) => (
            <li key={i} className="break-words">
              {error}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
