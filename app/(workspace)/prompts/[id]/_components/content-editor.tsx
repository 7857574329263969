'use client';

import { useMemo } from 'react';
import { MessagesEditor } from '@/components/prompts/messages-editor';
import { TemplateEditor } from '@/components/prompts/template-editor';
import { Skeleton } from '@/components/ui/skeleton';
import type { FormErrors } from '@/lib/client/field-errors';
import { reconcileDraft, type Draft } from './draft';
import { draftErrors } from './draft-errors';
import { ModelSettings } from './model-settings';
import { fieldsUnder } from './save-errors';
import { TemplateModeSwitch } from './template-mode-switch';
import { VariablesPanel } from './variables-panel';

type Props = {
  content: Draft;
  /** A version opened read-only is still loading. */
  loading: boolean;
  readOnly: boolean;
  /** The last save's field errors; the browser's own checks are added here. */
  errors?: FormErrors;
  onChange: (patch: Partial<Draft>) => void;
};

/** The templates (a system + user pair or chat turns), the variables and the model settings of the draft or of a version opened read-only. */
export function ContentEditor({ content, loading, readOnly, errors, onChange }: Props) {
  const names = useMemo(() => reconcileDraft(content).variables.map((v) => v.name), [content]);
  // The browser's checks first (they follow the typing); the last save's messages fill in the rest.
  const fields = useMemo(() => ({ ...(errors?.fields ?? {}), ...(readOnly ? {} : draftErrors(content)) }), [errors, readOnly, content]);

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
      <TemplateModeSwitch content={content} readOnly={readOnly} onChange={onChange} />
      {content.messages ? (
        <MessagesEditor
          value={content.messages}
          onChange={(messages) => onChange({ messages })}
          readOnly={readOnly}
          variables={names}
          errors={Object.fromEntries(Object.entries(fields).filter(([path]) => path === 'messages' || path.startsWith('messages.')))}
        />
      ) : (
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
            error={fields.systemPrompt}
            variables={names}
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
            error={fields.userPrompt}
            variables={names}
          />
        </>
      )}
      {/* One column: the editor is half of a split pane, too narrow for the two panels side by side. */}
      <div className="grid items-start gap-5">
        <VariablesPanel
          systemPrompt={content.systemPrompt}
          userPrompt={content.userPrompt}
          messages={content.messages}
          variables={content.variables}
          readOnly={readOnly}
          errors={fieldsUnder({ fields, form: null }, 'variables.')}
          onChange={(variables) => onChange({ variables })}
        />
        <ModelSettings value={content.model} onChange={(model) => onChange({ model })} readOnly={readOnly} errors={fieldsUnder({ fields, form: null }, 'model.')} />
      </div>
    </>
  );
}
