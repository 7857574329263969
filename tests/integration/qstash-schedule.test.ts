import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { qstashTestSettings, startQStashStandin, type QStashStandin } from '../fixtures/qstash-standin';

// With QStash, the per-minute recovery is a QStash schedule created at start-up (Vercel Hobby runs crons daily only).
let qstash: QStashStandin;
let schedule: typeof import('@/lib/queue/recovery-schedule');
const saved = { ...process.env };
const globalForSchedule = globalThis as { promptlabRecoverySchedule?: unknown };

beforeAll(async () => {
  qstash = await startQStashStandin();
  Object.assign(process.env, {
    ...qstashTestSettings(qstash.url),
    RUN_CONCURRENCY_PER_WORKSPACE: '3',
  });
  vi.resetModules(); // env() is memoised
  schedule = await import('@/lib/queue/recovery-schedule');
});

afterAll(async () => {
  await qstash.close();
  process.env = saved;
  delete globalForSchedule.promptlabRecoverySchedule;
  vi.resetModules();
});

beforeEach(() => {
  qstash.calls.length = 0;
  qstash.release();
  qstash.fail(null);
  delete globalForSchedule.promptlabRecoverySchedule;
});

describe('the QStash recovery schedule', () => {
  it('is created with a fixed id through the REST API, every minute, to the signed recover job', async () => {
    const first = await schedule.ensureRecoverySchedule();
    const again = await schedule.ensureRecoverySchedule();
    expect(first?.scheduleId).toMatch(/^promptlab-recover-runs-[0-9a-f]{16}$/);
    expect(again).toEqual(first);
    expect(qstash.calls).toHaveLength(2);
    for (const call of qstash.calls) {
      expect(call.method).toBe('POST');
      expect(call.path).toBe('/v2/schedules/https://promptlab.example.com/api/queue/recover-runs');
      expect(call.headers).toMatchObject({
        authorization: 'Bearer qstash-test-token',
        'upstash-cron': '* * * * *',
        'upstash-schedule-id': first!.scheduleId,
        'upstash-retries': '0',
        'content-type': 'application/json',
      });
      expect(call.body).toBe('{}');
      expect(Object.keys(call.headers).filter((h) => h.startsWith('upstash-telemetry'))).toEqual([]);
    }
  });

  it('start-up kicks it off without waiting for QStash, once per process', async () => {
    qstash.hold();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { startServer } = await import('@/lib/startup');
    await startServer(); // resolves while QStash has not answered
    await vi.waitFor(() => expect(qstash.calls).toHaveLength(1));
    const pending = globalForSchedule.promptlabRecoverySchedule;
    expect(pending).toBeInstanceOf(Promise);
    expect(schedule.startRecoverySchedule()).toBe(pending);
    qstash.release();
    await pending;
    expect(log).toHaveBeenCalledWith(expect.stringContaining('/api/queue/recover-runs every minute'));
    expect(qstash.calls).toHaveLength(1);
    log.mockRestore();
  });

  it('a failure is logged, not thrown, and a later start tries again', async () => {
    qstash.fail(500);
    const logger = { log: vi.fn(), error: vi.fn() };
    await expect(schedule.startRecoverySchedule(logger)).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('could not create the QStash recovery schedule'));
    qstash.fail(null);
    await schedule.startRecoverySchedule(logger);
    expect(logger.log).toHaveBeenCalledTimes(1);
  });
});

describe('publishing runs through QStash', () => {
  it('sends a flow-control key per workspace, so one workspace cannot take every delivery', async () => {
    const { dispatch, runsJob } = await import('@/lib/queue');
    const workspaceId = '5d0c4d1e-0a3b-4c5d-8e6f-708192a3b4c5';
    await dispatch(runsJob, { runId: '0b8f6f1e-3c2a-4d5b-9e6f-7a8b9c0d1e2f' }, { fairnessKey: workspaceId });
    expect(qstash.calls).toHaveLength(1);
    expect(qstash.calls[0]!.headers).toMatchObject({
      'upstash-flow-control-key': `workspace-${workspaceId}`,
      'upstash-flow-control-value': 'parallelism=3',
    });
  });
});
