'use client';

import { useState } from 'react';
import { Columns3 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

/** A new input column, kept in the page until a cell of it is saved (the dataset's variables come from its items). */
type Props = {
  existing: string[];
  onAdd: (name: string) => void;
  /** Controlled from the page when "Add row" needs a first variable. */
  open: boolean;
  onOpenChange: (open: boolean) => void;
  placeholder?: string;
};

export function AddVariable({ existing, onAdd, open, onOpenChange: setOpen, placeholder = 'variable name' }: Props) {
  const [name, setName] = useState('');
  const clash = existing.includes(name.trim());

  if (!open) {
    return (
      <Button size="sm" variant="outline" onClick={() => setOpen(true)} data-testid="add-variable">
        <Columns3 aria-hidden /> Add variable
      </Button>
    );
  }
  const close = () => { setOpen(false); setName(''); };
  return (
    <form
      className="flex items-center gap-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim() || clash) return;
        onAdd(name.trim());
        close();
      }}
    >
      <Input
        autoFocus
        value={name}
        maxLength={100}
        placeholder={placeholder}
        aria-label="New variable name"
        aria-invalid={clash || undefined}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } }}
        className="h-8 w-40 font-mono text-sm"
        data-testid="add-variable-name"
      />
      <Button size="sm" type="submit" disabled={!name.trim() || clash}>Add</Button>
      <Button size="sm" type="button" variant="ghost" onClick={close}>Cancel</Button>
    </form>
  );
}
