'use client';

import { useId } from 'react';
import { SearchIcon, XIcon } from 'lucide-react';
import { NativeSelect } from '@/components/prompts/native-select';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { AvailableProvider } from '@/lib/client/types';
import { cn } from '@/lib/utils';
import { RUN_STATUSES } from './run-format';
import type { RunFilterValues } from './run-filters';

type Props = {
  values: RunFilterValues;
  onChange: (patch: Partial<RunFilterValues>) => void;
  onClear?: () => void;
  /** Prompt picker (workspace-wide list). */
  prompts?: { id: string; title: string }[];
  /** Version picker; without it, a number field (when a prompt is chosen). */
  versions?: number[];
  providers?: AvailableProvider[];
  /** Suggestions for the model field. */
  models?: string[];
  dates?: boolean;
  className?: string;
};

const STATUS_LABELS = { queued: 'Queued', running: 'Running', succeeded: 'Succeeded', failed: 'Failed', canceled: 'Canceled' };

function Field({ label, htmlFor, className, children }: { label: string; htmlFor: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={cn('grid gap-1', className)}>
      <Label htmlFor={htmlFor} className="text-xs text-muted-foreground">
        {label}
      </Label>
      {children}
    </div>
  );
}

export function RunsFilterBar({ values, onChange, onClear, prompts, versions, providers, models = [], dates = false, className }: Props) {
  const id = useId();
  const modelsId = `${id}-models`;
  return (
    <div role="search" aria-label="Filter runs" className={cn('flex flex-wrap items-end gap-3', className)}>
      <Field label="Search output" htmlFor={`${id}-q`} className="min-w-48 flex-[1_1_12rem]">
        <div className="relative">
          <SearchIcon aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            id={`${id}-q`}
            type="search"
            value={values.q}
            onChange={(e) => onChange({ q: e.target.value })}
            placeholder="Text in the output…"
            className="pl-8"
            maxLength={200}
            data-testid="runs-search"
          />
        </div>
      </Field>
      {prompts ? (
        <Field label="Prompt" htmlFor={`${id}-prompt`} className="w-44">
          <NativeSelect
            id={`${id}-prompt`}
            value={values.promptId}
            onChange={(e) => onChange({ promptId: e.target.value, versionNumber: '' })}
            data-testid="runs-filter-prompt"
          >
            <option value="">All prompts</option>
            {prompts.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
            {values.promptId && !prompts.some((p) => p.id === values.promptId) ? (
              <option value={values.promptId}>This prompt</option>
            ) : null}
          </NativeSelect>
        </Field>
      ) : null}
      {versions ? (
        <Field label="Version" htmlFor={`${id}-version`} className="w-28">
          <NativeSelect
            id={`${id}-version`}
            value={values.versionNumber}
            onChange={(e) => onChange({ versionNumber: e.target.value })}
            data-testid="runs-filter-version"
          >
            <option value="">All</option>
            {versions.map((n) => (
              <option key={n} value={String(n)}>
                v{n}
              </option>
            ))}
          </NativeSelect>
        </Field>
      ) : values.promptId ? (
        <Field label="Version" htmlFor={`${id}-version`} className="w-24">
          <Input
            id={`${id}-version`}
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={values.versionNumber}
            onChange={(e) => onChange({ versionNumber: e.target.value })}
            placeholder="All"
            data-testid="runs-filter-version"
          />
        </Field>
      ) : null}
      {providers ? (
        <Field label="Provider" htmlFor={`${id}-provider`} className="w-36">
          <NativeSelect
            id={`${id}-provider`}
            value={values.provider}
            onChange={(e) => onChange({ provider: e.target.value })}
            data-testid="runs-filter-provider"
          >
            <option value="">All providers</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            {values.provider && !providers.some((p) => p.id === values.provider) ? (
              <option value={values.provider}>{values.provider}</option>
            ) : null}
          </NativeSelect>
        </Field>
      ) : null}
      <Field label="Model" htmlFor={`${id}-model`} className="w-40">
        <Input
          id={`${id}-model`}
          value={values.model}
          onChange={(e) => onChange({ model: e.target.value })}
          placeholder="Any model"
          list={modelsId}
          className="font-mono text-xs md:text-xs"
          spellCheck={false}
          maxLength={200}
          data-testid="runs-filter-model"
        />
        <datalist id={modelsId}>
          {models.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </Field>
      <Field label="Status" htmlFor={`${id}-status`} className="w-32">
        <NativeSelect
          id={`${id}-status`}
          value={values.status}
          onChange={(e) => onChange({ status: e.target.value as RunFilterValues['status'] })}
          data-testid="runs-filter-status"
        >
          <option value="">Any status</option>
          {RUN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field label="Cache" htmlFor={`${id}-cached`} className="w-28">
        <NativeSelect
          id={`${id}-cached`}
          value={values.cached}
          onChange={(e) => onChange({ cached: e.target.value as RunFilterValues['cached'] })}
          data-testid="runs-filter-cached"
        >
          <option value="">Any</option>
          <option value="true">Cached</option>
          <option value="false">Not cached</option>
        </NativeSelect>
      </Field>
      {dates ? (
        <>
          <Field label="From" htmlFor={`${id}-from`} className="w-36">
            <Input
              id={`${id}-from`}
              type="date"
              value={values.from}
              max={values.to || undefined}
              onChange={(e) => onChange({ from: e.target.value })}
              data-testid="runs-filter-from"
            />
          </Field>
          <Field label="To" htmlFor={`${id}-to`} className="w-36">
            <Input
              id={`${id}-to`}
              type="date"
              value={values.to}
              min={values.from || undefined}
              onChange={(e) => onChange({ to: e.target.value })}
              data-testid="runs-filter-to"
            />
          </Field>
        </>
      ) : null}
      {onClear ? (
        <Button variant="ghost" size="sm" className="h-9" onClick={onClear} data-testid="runs-clear-filters">
          <XIcon aria-hidden="true" />
          Clear
        </Button>
      ) : null}
    </div>
  );
}
