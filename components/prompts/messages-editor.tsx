'use client';

import * as React from 'react';
import { ArrowDownIcon, ArrowUpIcon, PlusIcon, Trash2Icon } from 'lucide-react';

import { Button } from '@/components/ui/button';
import { MAX_TEMPLATE_MESSAGES, type TemplateMessage } from '@/lib/prompts/schemas';
import { allowedRoles, canMove, nextRole, ROLES, swapped, type Role } from './message-turns';
import { NativeSelect } from './native-select';
import { TemplateEditor } from './template-editor';

const ROLE_LABELS: Record<Role, string> = { system: 'System', user: 'User', assistant: 'Assistant' };

type Props = {
  value: TemplateMessage[];
  onChange?: (value: TemplateMessage[]) => void;
  readOnly?: boolean;
  /** Declared variable names, completed after `{{` in every turn. */
  variables?: readonly string[];
  /** Field errors keyed `messages.N.content` / `messages.N.role` (and `messages` for the list). */
  errors?: Record<string, string>;
  onRunShortcut?: () => void;
  onSaveShortcut?: () => void;
  /** The model whose tokenizer counts each turn's tokens. */
  model?: string;
};

let nextKey = 0;
const newKey = () => `turn-${nextKey++}`;

/**
 * Stable React keys for the turns, moved along with them: each turn keeps its own editor (and its undo history)
 * when turns are reordered or removed. A list replaced from outside gets fresh keys where its length differs.
 */
function useTurnKeys(length: number) {
  const [keys, setKeys] = React.useState<string[]>(() => Array.from({ length }, newKey));
  let fitted = keys;
  if (keys.length > length) fitted = keys.slice(0, length);
  else if (keys.length < length) fitted = [...keys, ...Array.from({ length: length - keys.length }, newKey)];
  // Adjusting state while rendering, as React documents for state derived from props: no extra commit.
  if (fitted !== keys) setKeys(fitted);
  return [fitted, setKeys] as const;
}

/** A chat template: system turns first, then user and assistant turns (few-shot examples), each a template. */
export function MessagesEditor({ value, onChange, readOnly = false, variables, errors = {}, onRunShortcut, onSaveShortcut, model }: Props) {
  const [keys, setKeys] = useTurnKeys(value.length);

  const update = (index: number, patch: Partial<TemplateMessage>) =>
    onChange?.(value.map((message, i) => (i === index ? { ...message, ...patch } : message)));
  const move = (index: number, by: -1 | 1) => {
    setKeys(swapped(keys, index, by));
    onChange?.(swapped(value, index, by));
  };
  const remove = (index: number) => {
    setKeys(keys.filter((_, i) => i !== index));
    onChange?.(value.filter((_, i) => i !== index));
  };
  const add = () => onChange?.([...value, { role: nextRole(value), content: '' }]);

  const listError = errors.messages;
  return (
    <div className="grid gap-4" data-testid="messages-editor">
      <ol className="grid gap-4">
        {value.map((message, index) => {
          const n = index + 1;
          const allowed = allowedRoles(value, index);
          const roleError = errors[`messages.${index}.role`];
          return (
            <li key={keys[index]} className="grid gap-1" data-testid={`message-${index}`}>
              <TemplateEditor
                id={`message-${index}`}
                label={`Message ${n}`}
                value={message.content}
                onChange={(content) => update(index, { content })}
                readOnly={readOnly}
                minRows={message.role === 'system' ? 4 : 3}
                placeholder={message.role === 'assistant' ? 'An example answer…' : message.role === 'system' ? 'You are a helpful assistant…' : 'Ask about {{ topic }}…'}
                variables={variables}
                onRunShortcut={onRunShortcut}
                onSaveShortcut={onSaveShortcut}
                model={model}
                testId={`message-${index}-editor`}
                error={errors[`messages.${index}.content`]}
                toolbar={
                  <div className="ml-auto flex items-center gap-1">
                    <NativeSelect
                      aria-label={`Role of message ${n}`}
                      aria-invalid={roleError ? true : undefined}
                      aria-describedby={roleError ? `message-${index}-role-error` : undefined}
                      data-testid={`message-${index}-role`}
                      value={message.role}
                      disabled={readOnly}
                      onChange={(event) => update(index, { role: event.target.value as Role })}
                      wrapperClassName="w-32"
                      className="h-8"
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role} disabled={!allowed.includes(role)}>
                          {ROLE_LABELS[role]}
                        </option>
                      ))}
                    </NativeSelect>
                    {readOnly ? null : (
                      <>
                        <Button type="button" variant="ghost" size="icon-sm" aria-label={`Move message ${n} up`} disabled={!canMove(value, index, -1)} onClick={() => move(index, -1)}>
                          <ArrowUpIcon />
                        </Button>
                        <Button type="button" variant="ghost" size="icon-sm" aria-label={`Move message ${n} down`} disabled={!canMove(value, index, 1)} onClick={() => move(index, 1)}>
                          <ArrowDownIcon />
                        </Button>
                        <Button
                          type="button"
                          variant="ghost"
                          size="icon-sm"
                          aria-label={`Remove message ${n}`}
                          data-testid={`message-${index}-remove`}
                          disabled={value.length <= 1}
                          onClick={() => remove(index)}
                        >
                          <Trash2Icon />
                        </Button>
                      </>
                    )}
                  </div>
                }
              />
              {roleError ? (
                <p id={`message-${index}-role-error`} className="text-sm text-destructive">
                  {roleError}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      {listError ? <p className="text-sm text-destructive">{listError}</p> : null}
      {readOnly ? null : (
        <div>
          <Button type="button" variant="outline" size="sm" onClick={add} disabled={value.length >= MAX_TEMPLATE_MESSAGES} data-testid="add-message">
            <PlusIcon />
            Add {nextRole(value)} message
          </Button>
        </div>
      )}
    </div>
  );
}
