/** Browser-side calls to our JSON API: unwraps the envelope and throws its error. */
export class ApiClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body !== undefined ? { 'content-type': 'application/json' } : undefined,
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: init.signal,
    cache: 'no-store',
  });
  let payload: { data: T; error: { code: string; message: string } | null } | null = null;
  try {
    payload = await res.json();
  } catch {
    // Non-JSON (a proxy error page): reported below with the status.
  }
  if (!res.ok || !payload || payload.error) {
    const error = payload?.error;
    // The session is gone: a full navigation drops every stale client state on the way to sign-in.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    if (res.status === 401 && typeof window !== 'undefined') window.location.assign(`/login?callbackUrl=${encodeURIComponent(window.location.pathname)}`);
    throw new ApiClientError(error?.code ?? 'INTERNAL', error?.message ?? `Request failed with status ${res.status}`, res.status);
  }
  return payload.data;
}
