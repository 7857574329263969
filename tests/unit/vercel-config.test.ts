import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

// Vercel's Hobby plan refuses a deploy whose cron jobs run more than once a day.
describe('vercel.json', () => {
  const config = JSON.parse(fs.readFileSync('vercel.json', 'utf8')) as { crons?: Array<{ path: string; schedule: string }> };

  it('schedules only daily crons, so a deploy works on the free plan', () => {
    expect(config.crons?.length).toBeGreaterThan(0);
    for (const cron of config.crons ?? []) {
      const [minute, hour, dayOfMonth, month, dayOfWeek] = cron.schedule.split(/\s+/);
      expect(minute, cron.schedule).toMatch(/^\d+$/);
      expect(hour, cron.schedule).toMatch(/^\d+$/);
      expect([dayOfMonth, month, dayOfWeek], cron.schedule).toEqual(['*', '*', '*']);
    }
  });

  it('keeps the recovery cron as the daily safety net, on a route that exists', () => {
    expect(config.crons?.map((c) => c.path)).toContain('/api/cron/recover-runs');
    expect(fs.existsSync('app/api/cron/recover-runs/route.ts')).toBe(true);
  });
});
