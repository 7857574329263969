'use client';

import { useSyncExternalStore } from 'react';
import { SaveIcon } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Kbd, KbdGroup } from '@/components/ui/kbd';
import { Spinner } from '@/components/ui/spinner';

type Props = {
  notes: string;
  onNotesChange: (notes: string) => void;
  notesError?: string;
  dirty: boolean;
  saving: boolean;
  error: string | null;
  /** Fields the browser found wrong: saving waits until they are fixed. */
  problemCount?: number;
  onSave: () => void;
};

const noSubscribe = () => () => {};
const isApple = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export function SaveBar({ notes, onNotesChange, notesError, dirty, saving, error, problemCount = 0, onSave }: Props) {
  const apple = useSyncExternalStore(noSubscribe, isApple, () => false);
  const blocked = problemCount > 0;
  return (
    <div className="sticky bottom-3 z-10 -mx-1 grid gap-3 rounded-xl border bg-background/95 p-3 shadow-sm backdrop-blur supports-[backdrop-filter]:bg-background/80">
      {error ? (
        <Alert variant="destructive" data-testid="save-error">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <form
        className="flex flex-wrap items-center gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          onSave();
        }}
      >
        <label htmlFor="version-notes" className="sr-only">
          Version notes
        </label>
        <Input
          id="version-notes"
          value={notes}
          onChange={(e) => onNotesChange(e.target.value)}
          placeholder="What changed? (optional notes for this version)"
          maxLength={2000}
          className="min-w-48 flex-1"
          data-testid="version-notes"
          aria-invalid={Boolean(notesError) || undefined}
          aria-describedby={notesError ? 'version-notes-error' : undefined}
        />
        {notesError ? (
          <p id="version-notes-error" className="w-full text-xs text-destructive" data-testid="field-error-version-notes">
            {notesError}
          </p>
        ) : null}
        <div className="flex items-center gap-3">
          <span role="status" className="text-sm">
            {blocked ? (
              <span className="flex items-center gap-1.5 text-destructive" data-testid="save-blocked">
                <span aria-hidden="true" className="size-2 rounded-full bg-destructive" />
                {problemCount === 1 ? 'Fix the marked field to save' : `Fix the ${problemCount} marked fields to save`}
              </span>
            ) : dirty ? (
              <span className="flex items-center gap-1.5 text-warning-foreground dark:text-warning" data-testid="unsaved-indicator">
                <span aria-hidden="true" className="size-2 rounded-full bg-warning" />
                Unsaved changes
              </span>
            ) : (
              <span className="text-muted-foreground">All changes saved</span>
            )}
          </span>
          <Button
            type="submit"
            disabled={!dirty || saving || blocked}
            aria-keyshortcuts={apple ? 'Meta+S' : 'Control+S'}
            title={dirty ? undefined : 'Nothing to save: the draft matches the current version'}
            data-testid="save-version"
          >
            {saving ? <Spinner label="Saving" /> : <SaveIcon aria-hidden="true" />}
            Save version
            <KbdGroup aria-hidden="true" className="ml-1">
              <Kbd className="border-primary-foreground/30 bg-primary-foreground/15 text-primary-foreground">{apple ? '⌘' : 'Ctrl'}</Kbd>
              <Kbd className="border-primary-foreground/30 bg-primary-foreground/15 text-primary-foreground">S</Kbd>
            </KbdGroup>
          </Button>
        </div>
      </form>
    </div>
  );
}
