'use client';

import { useState } from 'react';
import { useSaveProvider, useTestProvider, useUpdateProvider, type ProviderPatch } from '@/components/providers/use-providers';
import { ApiClientError, errorMessage } from '@/lib/client/api';
import { plainMessage } from '@/lib/client/field-errors';
import type { ProviderCredential } from '@/lib/client/types';
import type { CatalogEntry } from '@/lib/providers/catalog';

export type ProviderValues = { label: string; apiKey: string; baseUrl: string; removeKey: boolean };

/** Where the save stands: asking before replacing a label, or showing why the endpoint test failed. */
export type SaveStep = { kind: 'form' } | { kind: 'confirm-replace'; label: string } | { kind: 'test-failed'; reason: string };

type Options = { entry: CatalogEntry | undefined; editing: ProviderCredential | null; existing: ProviderCredential[]; onSaved: (saved: ProviderCredential) => void };

const FORM: SaveStep = { kind: 'form' };
const LABEL = /^[a-z0-9][a-z0-9._-]*$/;

type ClientErrors = Partial<Record<'label' | 'apiKey' | 'baseUrl', string>>;

/** The browser's checks, in the server's words, before anything is sent. */
function validate(entry: CatalogEntry, editing: ProviderCredential | null, values: ProviderValues, label: string): ClientErrors {
  const errors: ClientErrors = {};
  if (entry.id === 'custom' && !label) errors.label = 'Required';
  else if (label && !LABEL.test(label)) errors.label = 'Use letters, digits, “.”, “_” or “-” (starting with a letter or digit)';
  const keyAfter = values.apiKey.trim() || (editing && !values.removeKey ? editing.keyLast4 : null);
  if (entry.apiKey === 'required' && keyAfter === null) errors.apiKey = `Required for ${entry.label}`;
  const baseUrl = values.baseUrl.trim();
  if (entry.baseUrl === 'required' && !baseUrl) errors.baseUrl = `Required for ${entry.label}`;
  else if (baseUrl && !/^https?:\/\/[^\s/]+/i.test(baseUrl)) errors.baseUrl = 'Must be a full URL such as https://api.example.com/v1';
  return errors;
}

/** The PATCH for an edit: only what changed (an empty key field keeps the stored key). */
function patchOf(editing: ProviderCredential, values: ProviderValues, label: string): ProviderPatch {
  const baseUrl = values.baseUrl.trim() || null;
  return {
    ...(label !== editing.label && { label }),
    ...(baseUrl !== editing.baseUrl && { baseUrl }),
    ...(values.apiKey.trim() ? { apiKey: values.apiKey.trim() } : values.removeKey && { apiKey: null }),
  };
}

/**
 * Saving a provider: asks before replacing an entry saved under the same label, tests an endpoint before saving it
 * (a failure shows its reason with "Save anyway"), then creates or patches.
 */
export function useProviderSave({ entry, editing, existing, onSaved }: Options) {
  const [step, setStep] = useState<SaveStep>(FORM);
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const create = useSaveProvider();
  const update = useUpdateProvider();
  const test = useTestProvider();
  const saving = editing ? update : create;

  // What the entry will be saved as: the typed label, else the current one, else the catalogue id (not for custom).
  const labelOf = (values: ProviderValues) =>
    values.label.trim().toLowerCase() || editing?.label || (entry && entry.id !== 'custom' ? entry.id : '');

  function save(values: ProviderValues) {
    const label = labelOf(values);
    const apiKey = values.apiKey.trim() || undefined;
    const baseUrl = values.baseUrl.trim() || undefined;
    const done = { onSuccess: (saved: ProviderCredential) => onSaved(saved) };
    if (editing) update.mutate({ id: editing.id, patch: patchOf(editing, values, label) }, done);
    else if (entry) create.mutate({ provider: entry.id, label: values.label.trim() || undefined, apiKey, baseUrl }, done);
  }

  /** An endpoint is tested first when it is new, or when its address changed and the key to reach it is known. */
  function needsTest(values: ProviderValues): boolean {
    const baseUrl = values.baseUrl.trim();
    if (!entry || !baseUrl) return false;
    // An instance's hosted endpoint needs a key to answer; without one the test could only fail.
    if (entry.apiKey === 'required' && !values.apiKey.trim()) return false;
    if (!editing) return true;
    return baseUrl !== editing.baseUrl && (Boolean(values.apiKey.trim()) || editing.keyLast4 === null);
  }

  async function submit(values: ProviderValues, confirmed: { replace?: boolean; untested?: boolean } = {}) {
    create.reset();
    update.reset();
    test.reset();
    if (!entry) return;
    const label = labelOf(values);
    const found = validate(entry, editing, values, label);
    const clash = existing.find((c) => c.label === label && c.id !== editing?.id);
    if (clash && (editing || clash.provider !== entry.id)) found.label ??= 'Already used by another model provider: choose another label';
    setClientErrors(found);
    if (Object.keys(found).length > 0) return setStep(FORM);
    if (clash && !confirmed.replace) return setStep({ kind: 'confirm-replace', label });
    if (needsTest(values) && !confirmed.untested) {
      setStep(FORM);
      try {
        await test.mutateAsync({ provider: entry.id, baseUrl: values.baseUrl.trim(), ...(values.apiKey.trim() && { apiKey: values.apiKey.trim() }) });
      } catch (error) {
        // A field the server refuses (a private address, a malformed URL) would refuse the save too: shown at it.
        if (error instanceof ApiClientError && error.fields.length > 0) return;
        return setStep({ kind: 'test-failed', reason: plainMessage(errorMessage(error)) });
      }
    }
    setStep(FORM);
    save(values);
  }

  function reset() {
    setStep(FORM);
    setClientErrors({});
    create.reset();
    update.reset();
    test.reset();
  }

  const testFieldError = test.error instanceof ApiClientError && test.error.fields.length > 0 ? test.error : null;
  return { step, submit, reset, error: saving.error ?? testFieldError, clientErrors, pending: saving.isPending || test.isPending, testing: test.isPending };
}
