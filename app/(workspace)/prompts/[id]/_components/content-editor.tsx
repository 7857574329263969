'use client';

import { TemplateEditor } from '@/components/prompts/template-editor';
import { Skeleton } from '@/components/ui/skeleton';
import type { FormErrors } from '@/lib/client/field-errors';
import type { Draft } from './draft';
import { ModelSettings } from './model-settings';
import { fieldsUnder } from './save-errors';
import { VariablesPanel } from './variables-panel';

type Props = {
  content: Draft;
  /** A version opened read-only is still loading. */
  loading: boolean;
  readOnly: boolean;
  /** The last save's field errors. */
  errors?: FormErrors;
  onChange: (patch: Partial<Draft>) => void;
};

/** The two templates, the variables and the model settings of the draft or of a version opened read-only. */
export function ContentEditor({ content, loading, readOnly, errors, onChange }: Props) {
  if (loading) {
    return (
      <div className="grid gap-5" aria-busy="true" aria-label="Loading version" data-testid="version-loading">
        {[0, 1].map((i) => (
          <div key={i} className="grid gap-2">
            <Skeleton className="h-4 w-28" />
            <Skeleton className="h-52 w-full" />
          </div>
        ))}
      </div>
    );
  }
  return (
    <>
      <TemplateEditor
        id="system-prompt"
        label="System prompt"
        hint="Optional. Sets the model's role and rules."
        value={content.systemPrompt}
        onChange={(systemPrompt) => onChange({ systemPrompt })}
        readOnly={readOnly}
        placeholder="You are a helpful assistant…"
        testId="system-prompt-editor"
        error={errors?.fields.systemPrompt}
      />
      <TemplateEditor
        id="user-prompt"
        label="User prompt"
        hint={<>Use {'{{ name }}'} for inputs; write \{'{{'} for literal braces.</>}
        value={content.userPrompt}
        onChange={(userPrompt) => onChange({ userPrompt })}
        readOnly={readOnly}
        placeholder="Summarise {{ text }} in {{ sentences }} sentences."
        testId="user-prompt-editor"
        error={errors?.fields.userPrompt}
      />
      <div className="grid items-start gap-5 xl:grid-cols-2">
        <VariablesPanel
          systemPrompt={content.systemPrompt}
          userPrompt={content.userPrompt}
          variables={content.variables}
          readOnly={readOnly}
          errors={errors ? fieldsUnder(errors, 'variables.') : {}}
          onChange={(variables) => onChange({ variables })}
        />
        <ModelSettings value={content.model} onChange={(model) => onChange({ model })} readOnly={readOnly} errors={errors ? fieldsUnder(errors, 'model.') : {}} />
      </div>
    </>
  );
}
