'use client';

import { useRef, useState } from 'react';
import { BookmarkIcon, ChevronDownIcon, SettingsIcon } from 'lucide-react';
import { useInputSets } from '@/components/prompts/use-input-sets';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { toast } from '@/components/ui/toaster';
import type { DraftValues } from './draft-content';
import { InputSetsDialog } from './input-sets-dialog';
import { valuesFromSet } from './input-set-values';

type Props = {
  promptId: string;
  /** The run form's values as it holds them: text, or a flag for booleans. */
  values: DraftValues;
  /** The prompt's variables now: only their values are saved (the form may remember older ones). */
  variables?: readonly string[];
  onApply: (values: DraftValues) => void;
};

/** Saved, named variable values of this prompt: apply one in a click; save, replace or delete them in a dialog. */
export function InputSetsMenu({ promptId, values, variables, onApply }: Props) {
  const sets = useInputSets(promptId);
  const [managing, setManaging] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const list = sets.data ?? [];

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button ref={trigger} variant="outline" size="sm" data-testid="input-sets-menu">
            <BookmarkIcon aria-hidden="true" />
            Input sets{list.length > 0 ? ` (${list.length})` : ''}
            <ChevronDownIcon aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-64">
          <DropdownMenuLabel className="text-xs text-muted-foreground">
            {sets.isPending ? 'Loading saved sets…' : sets.isError ? 'Could not load the saved sets' : list.length === 0 ? 'No saved sets yet' : 'Fill the variables from'}
          </DropdownMenuLabel>
          {list.map((set) => (
            <DropdownMenuItem
              key={set.id}
              onSelect={() => {
                onApply({ ...values, ...valuesFromSet(set.values) });
                toast({ id: 'input-set', title: `Filled the variables from “${set.name}”`, variant: 'success' });
              }}
              data-testid={`input-set-apply-${set.name}`}
            >
              <span className="truncate">{set.name}</span>
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setManaging(true)} data-testid="input-sets-manage">
            <SettingsIcon aria-hidden="true" />
            Save or delete sets…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <InputSetsDialog
        promptId={promptId}
        open={managing}
        onOpenChange={setManaging}
        values={values}
        variables={variables}
        sets={list}
        returnFocus={() => trigger.current?.focus()}
      />
    </>
  );
}
