import type { FieldChange, VariableChanges } from '@/lib/diff/version-diff';
import type { VariableDef } from '@/lib/templates';
import { formatValue } from './format';

const MODEL_LABELS: Record<string, string> = {
  provider: 'Provider',
  model: 'Model',
  temperature: 'Temperature',
  maxTokens: 'Max tokens',
  topP: 'Top-p',
  stop: 'Stop sequences',
};

const VARIABLE_FIELDS = ['type', 'required', 'default', 'description'] as const;

function Value({ value, kind }: { value: unknown; kind: 'from' | 'to' }) {
  if (value === undefined) {
    return <span className="text-xs text-muted-foreground italic">not set</span>;
  }
  return (
    <span
      className={
        kind === 'from'
          ? 'rounded bg-diff-removed-bg px-1 font-mono text-xs text-diff-removed-fg line-through decoration-1'
          : 'rounded bg-diff-added-bg px-1 font-mono text-xs text-diff-added-fg'
      }
    >
      <span className="sr-only">{kind} </span>
      {formatValue(value)}
    </span>
  );
}

function Change({ label, from, to }: { label: string; from: unknown; to: unknown }) {
  return (
    <li className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
      <span className="font-medium">{label}</span>
      <Value value={from} kind="from" />
      <span aria-hidden="true" className="text-muted-foreground">
        →
      </span>
      <Value value={to} kind="to" />
    </li>
  );
}

function describeVariable(def: VariableDef): string {
  const parts: string[] = [def.type, def.required ? 'required' : 'optional'];
  if (def.default !== undefined) parts.push(`default ${formatValue(def.default, 30)}`);
  return parts.join(', ');
}

/** Compact lists of changed model settings and variables. */
export function DiffSettings({ model, variables }: { model: FieldChange[]; variables: VariableChanges }) {
  const variableCount = variables.added.length + variables.removed.length + variables.changed.length;
  return (
    <div className="grid gap-5 md:grid-cols-2">
      <section className="grid content-start gap-2" aria-label="Model settings changes">
        <h3 className="text-sm font-semibold">Model settings</h3>
        {model.length === 0 ? (
          <p className="text-xs text-muted-foreground">No changes</p>
        ) : (
          <ul className="grid gap-1.5 text-sm" data-testid="diff-model-changes">
            {model.map((change) => (
              <Change key={change.field} label={MODEL_LABELS[change.field] ?? change.field} from={change.from} to={change.to} />
            ))}
          </ul>
        )}
      </section>
      <section className="grid content-start gap-2" aria-label="Variable changes">
        <h3 className="text-sm font-semibold">Variables</h3>
        {variableCount === 0 ? (
          <p className="text-xs text-muted-foreground">No changes</p>
        ) : (
          <ul className="grid gap-1.5 text-sm" data-testid="diff-variable-changes">
            {variables.added.map((def) => (
              <li key={`+${def.name}`} className="text-diff-added-fg">
                <span className="font-mono">+ {def.name}</span>{' '}
                <span className="text-xs">({describeVariable(def)})</span>
              </li>
            ))}
            {variables.removed.map((def) => (
              <li key={`-${def.name}`} className="text-diff-removed-fg">
                <span className="font-mono">− {def.name}</span>{' '}
                <span className="text-xs">({describeVariable(def)})</span>
              </li>
            ))}
            {variables.changed.flatMap(({ name, from, to }) =>
              VARIABLE_FIELDS.filter((field) => JSON.stringify(from[field]) !== JSON.stringify(to[field])).map((field) => (
                <Change key={`${name}.${field}`} label={`${name} · ${field}`} from={from[field]} to={to[field]} />
              )),
            )}
          </ul>
        )}
      </section>
    </div>
  );
}
