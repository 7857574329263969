'use client';

import { useEffect, useState } from 'react';
import { apiFetch } from '@/lib/client/api';
import type { AvailableProvider } from '@/lib/client/types';

export const LOCAL_PROVIDER: AvailableProvider = {
  id: 'local',
  label: 'Local test model',
  kind: 'local',
  source: 'builtin',
  models: ['promptlab-local'],
};

type ProvidersResponse = { available?: AvailableProvider[] };
type State = { status: 'loading' | 'ready' | 'error'; providers: AvailableProvider[]; error: string | null };

/** The built-in model always works and always reads plainly as "Local test model", first in the list. */
function normalize(list: AvailableProvider[]): AvailableProvider[] {
  const others = list.filter((p) => p.id !== LOCAL_PROVIDER.id);
  const local = list.find((p) => p.id === LOCAL_PROVIDER.id);
  return [{ ...LOCAL_PROVIDER, ...local, label: LOCAL_PROVIDER.label, models: local?.models.length ? local.models : LOCAL_PROVIDER.models }, ...others];
}

// One request per page load, shared by every picker on the page.
let cache: Promise<AvailableProvider[]> | null = null;

function fetchProviders(): Promise<AvailableProvider[]> {
  cache ??= apiFetch<ProvidersResponse>('/api/v1/providers').then(
    (data) => normalize(Array.isArray(data.available) ? data.available : []),
    (error: unknown) => {
      cache = null; // try again next time a picker mounts
      throw error;
    },
  );
  return cache;
}

/** Providers the workspace can run on now (GET /api/v1/providers); just the local model if that fails. */
export function useProviders(): State {
  const [state, setState] = useState<State>({ status: 'loading', providers: [LOCAL_PROVIDER], error: null });
  useEffect(() => {
    let active = true;
    fetchProviders().then(
      (providers) => active && setState({ status: 'ready', providers, error: null }),
      (error: Error) => active && setState({ status: 'error', providers: [LOCAL_PROVIDER], error: error.message }),
    );
    return () => {
      active = false;
    };
  }, []);
  return state;
}

export function providerLabel(providers: AvailableProvider[], id: string): string {
  return providers.find((p) => p.id === id)?.label ?? (id === LOCAL_PROVIDER.id ? LOCAL_PROVIDER.label : id);
}
