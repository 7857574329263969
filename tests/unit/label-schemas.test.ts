import { describe, expect, it } from 'vitest';
import {
  labelNameSchema,
  labelStatsQuerySchema,
  listDeploymentsQuerySchema,
  putLabelSchema,
  readableLabelNameSchema,
  requestedTargets,
  rollbackLabelSchema,
  sameTargets,
} from '@/lib/labels/schemas';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));

describe('label names', () => {
  it.each(['production', 'staging', 'v2', 'eu-west.canary_1', '0', 'a'.repeat(50)])('accepts %s', (name) => {
    expect(labelNameSchema.safeParse(name).success).toBe(true);
  });

  it.each(['', 'Production', 'has space', '-lead', '.lead', '_lead', 'a'.repeat(51), 'prod/eu', 'ünicode'])('refuses %j', (name) => {
    expect(labelNameSchema.safeParse(name).success).toBe(false);
  });

  it('reserves `latest` for storing, not for reading', () => {
    expect(issues(labelNameSchema.safeParse('latest'))).toEqual([{ path: '', message: '`latest` always means the newest version; pick another name' }]);
    expect(readableLabelNameSchema.safeParse('latest').success).toBe(true);
  });
});

describe('PUT body', () => {
  it('takes one version or a split, with a note and protection', () => {
    expect(putLabelSchema.parse({ versionNumber: 3, note: '  ship it  ' })).toEqual({ versionNumber: 3, note: 'ship it' });
    expect(putLabelSchema.safeParse({ split: [{ versionNumber: 1, weight: 90 }, { versionNumber: 2, weight: 10 }], protected: true }).success).toBe(true);
    expect(putLabelSchema.safeParse({ protected: true }).success).toBe(true);
  });

  it.each([
    [{}, 'versionNumber'],
    [{ note: 'x' }, 'versionNumber'],
    [{ versionNumber: 0 }, 'versionNumber'],
    [{ versionNumber: 1.5 }, 'versionNumber'],
    [{ versionNumber: '2' }, 'versionNumber'],
    [{ versionNumber: 1, split: [{ versionNumber: 1, weight: 50 }, { versionNumber: 2, weight: 50 }] }, 'split'],
    [{ split: [{ versionNumber: 1, weight: 100 }] }, 'split'],
    [{ split: [] }, 'split'],
    [{ split: [1, 2, 3, 4, 5, 6].map((versionNumber) => ({ versionNumber, weight: 1 })) }, 'split'],
    [{ split: [{ versionNumber: 1, weight: 60 }, { versionNumber: 2, weight: 60 }] }, 'split'],
    [{ split: [{ versionNumber: 1, weight: 50 }, { versionNumber: 1, weight: 50 }] }, 'split.1.versionNumber'],
    [{ split: [{ versionNumber: 1, weight: 101 }, { versionNumber: 2, weight: -1 }] }, 'split.0.weight'],
    [{ split: [{ versionNumber: 1, weight: 99.5 }, { versionNumber: 2, weight: 0.5 }] }, 'split.1.weight'],
    [{ split: [{ versionNumber: 1, weight: 50, extra: 1 }, { versionNumber: 2, weight: 50 }] }, 'split.0'],
    [{ versionNumber: 1, note: 'x'.repeat(501) }, 'note'],
    [{ versionNumber: 1, protected: 'yes' }, 'protected'],
    [{ versionNumber: 1, label: 'production' }, ''],
  ])('refuses %j at %s', (body, path) => {
    const result = putLabelSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(issues(result).map((i) => i.path)).toContain(path);
  });

  it('says by how much the weights miss 100', () => {
    const result = putLabelSchema.safeParse({ split: [{ versionNumber: 1, weight: 70 }, { versionNumber: 2, weight: 20 }] });
    expect(issues(result)).toEqual([{ path: 'split', message: 'weights must add up to 100; these add up to 90' }]);
  });

  it('turns a body into targets: weight 100 for one version, a split sorted by version', () => {
    expect(requestedTargets({ versionNumber: 4 })).toEqual([{ versionNumber: 4, weight: 100 }]);
    expect(requestedTargets({ split: [{ versionNumber: 5, weight: 10 }, { versionNumber: 2, weight: 30 }, { versionNumber: 3, weight: 60 }] })).toEqual([
      { versionNumber: 2, weight: 30 },
      { versionNumber: 3, weight: 60 },
      { versionNumber: 5, weight: 10 },
    ]);
    expect(requestedTargets({ protected: true })).toBeUndefined();
  });

  it('compares targets exactly', () => {
    const a = [{ versionNumber: 1, weight: 90 }, { versionNumber: 2, weight: 10 }];
    expect(sameTargets(a, [{ versionNumber: 1, weight: 90 }, { versionNumber: 2, weight: 10 }])).toBe(true);
    expect(sameTargets(a, [{ versionNumber: 1, weight: 80 }, { versionNumber: 2, weight: 20 }])).toBe(false);
    expect(sameTargets(a, [{ versionNumber: 1, weight: 100 }])).toBe(false);
  });
});

describe('other inputs', () => {
  it('rollback takes only an optional note', () => {
    expect(rollbackLabelSchema.parse({})).toEqual({});
    expect(rollbackLabelSchema.safeParse({ versionNumber: 1 }).success).toBe(false);
  });

  it('deployments query: a stored label, limit 1 to 100 (50 by default)', () => {
    expect(listDeploymentsQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(listDeploymentsQuerySchema.safeParse({ limit: '101' }).success).toBe(false);
    expect(listDeploymentsQuerySchema.safeParse({ label: 'latest' }).success).toBe(false);
  });

  it('stats window: 1 to 365 whole days, 30 by default', () => {
    expect(labelStatsQuerySchema.parse({})).toEqual({ days: 30 });
    expect(labelStatsQuerySchema.parse({ days: '7' })).toEqual({ days: 7 });
    for (const days of ['0', '366', '1.5', 'week']) expect(labelStatsQuerySchema.safeParse({ days }).success).toBe(false);
  });
});
