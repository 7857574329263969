// The bench's HTTP client: one keep-alive undici pool per server, so 32 concurrent callers reuse sockets and the
// client is not what limits requests per second.
import { Pool } from 'undici';

export type BenchClient = {
  /** JSON API call with the bench's API key; throws with the error envelope on a non-2xx answer. */
  api: (method: string, path: string, body?: unknown) => Promise<any>;
  /** A GET that reads and discards the body; returns the status. */
  get: (path: string, withKey?: boolean) => Promise<number>;
  /** Reads a run's SSE stream until its `done` event; returns the final status ('unknown' without one). */
  streamUntilDone: (runId: string) => Promise<string>;
  close: () => Promise<void>;
};

export function createBenchClient(base: string, apiKey: string): BenchClient {
  const pool = new Pool(base, { connections: 256, keepAliveTimeout: 30_000, pipelining: 1 });
  const auth = { authorization: `Bearer ${apiKey}` };

  return {
    async api(method, path, body) {
      const res = await pool.request({
        path,
        method: method as 'GET',
        headers: { ...auth, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.body.json()) as { data: unknown; error: unknown };
      if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${JSON.stringify(json.error)}`);
      return json.data;
    },
    async get(path, withKey = true) {
      const res = await pool.request({ path, method: 'GET', headers: withKey ? auth : {} });
      await res.body.dump();
      return res.statusCode;
    },
    async streamUntilDone(runId) {
      const res = await pool.request({ path: `/api/v1/runs/${runId}/stream`, method: 'GET', headers: auth });
      const text = await res.body.text();
      const match = /event: done\ndata: (.*)\n/.exec(text);
      return match ? (JSON.parse(match[1]!) as { status: string }).status : 'unknown';
    },
    close: () => pool.close(),
  };
}

/** Polls a URL until it answers 2xx (the server is up and its database migrated). */
export async function waitUntilOk(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await fetch(url).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 2xx within ${timeoutMs / 1000} s`);
}
