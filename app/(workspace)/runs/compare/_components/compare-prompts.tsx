'use client';

import type { Run } from '@/lib/client/types';
import { runName } from './compare-labels';
import { TurnsDiff } from './turns-diff';
import { VersionDiffView } from './version-diff-view';

type Column = { index: number; run: Run };

/** The template a run came from: a draft's recorded one, else the messages as sent (a version's are in its diff). */
const templateTurns = (run: Run) => run.template?.messages ?? run.messages;

function TemplateDiff({ base, run }: { base: Run; run: Run }) {
  const versions = base.promptId === run.promptId && base.versionNumber !== null && run.versionNumber !== null;
  if (versions && base.versionNumber === run.versionNumber) {
    return <p className="text-sm text-muted-foreground">Both ran v{run.versionNumber} of the prompt: the templates are the same.</p>;
  }
  if (versions) return <VersionDiffView promptId={run.promptId} from={base.versionNumber!} to={run.versionNumber!} />;
  const source = base.template && run.template ? 'templates' : 'messages (a saved version shows as it was rendered)';
  return (
    <div className="grid grid-cols-1 gap-2">
      <p className="text-xs text-muted-foreground">Comparing the {source}, turn by turn.</p>
      <TurnsDiff from={templateTurns(base)} to={templateTurns(run)} label="Template turns" />
    </div>
  );
}

/** For each run, how its prompt differs from the base run's: the template, then the messages exactly as sent. */
export function ComparePrompts({ base, baseIndex, columns }: { base: Run; baseIndex: number; columns: Column[] }) {
  const others = columns.filter((c) => c.run.id !== base.id);
  if (others.length === 0) return null;
  return (
    <div className="grid grid-cols-1 gap-4">
      {others.map(({ index, run }) => (
        <section key={run.id} className="grid grid-cols-1 gap-3 rounded-xl border bg-card p-4 text-card-foreground shadow-xs" aria-label={`Prompt of ${runName(index)}`} data-testid="compare-prompt">
          <h3 className="text-sm font-semibold">
            {runName(baseIndex)} (base) → {runName(index)}
          </h3>
          <TemplateDiff base={base} run={run} />
          <details className="group grid gap-2">
            <summary className="cursor-pointer text-sm font-medium text-primary underline-offset-4 hover:underline">Messages as sent to the model</summary>
            <div className="mt-2">
              <TurnsDiff from={base.messages} to={run.messages} label="Messages as sent" />
            </div>
          </details>
        </section>
      ))}
    </div>
  );
}
