import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as health from '@/app/api/health/route';
import * as ready from '@/app/api/health/ready/route';

describe('health', () => {
  it('answers liveness without a database or a caller', async () => {
    const res = await health.GET(new Request('http://localhost/api/health'), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { status: 'ok' }, error: null });
  });

  it('reports ready once the database answers and migrations are current', async () => {
    const res = await ready.GET(new Request('http://localhost/api/health/ready'), { params: Promise.resolve({}) });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.data.status).toBe('ready');
    const journal = JSON.parse(fs.readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: unknown[] };
    expect(body.data.database.migrations).toEqual({ expected: journal.entries.length, applied: journal.entries.length, current: true });
    expect(['pglite', 'postgres']).toContain(body.data.database.driver);
  });
});
