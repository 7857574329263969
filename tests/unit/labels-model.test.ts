import { describe, expect, it } from 'vitest';
import {
  badgeLook,
  checkLabelName,
  checkSplit,
  deploymentSummary,
  evenWeights,
  initialSplit,
  labelsByVersion,
  rollbackCandidates,
  splitText,
  targetsText,
} from '@/components/labels/label-model';

const known = new Set([1, 2, 3, 4, 5, 6]);
const rows = (...pairs: [number, string][]) => pairs.map(([versionNumber, weight]) => ({ versionNumber, weight }));

describe('badge looks', () => {
  it('colours production green, staging amber, anything else neutral', () => {
    expect(badgeLook('production')).toBe('production');
    expect(badgeLook('staging')).toBe('staging');
    expect(badgeLook('canary')).toBe('neutral');
    expect(badgeLook('production-eu')).toBe('neutral');
  });

  it('shows the weights of a split and nothing for one version', () => {
    expect(splitText([{ versionNumber: 3, weight: 100 }])).toBeNull();
    expect(splitText([{ versionNumber: 3, weight: 90 }, { versionNumber: 4, weight: 10 }])).toBe('90/10');
    expect(targetsText([{ versionNumber: 3, weight: 100 }])).toBe('v3');
    expect(targetsText([{ versionNumber: 3, weight: 90 }, { versionNumber: 4, weight: 10 }])).toBe('v3 90% · v4 10%');
    expect(targetsText(null)).toBe('nothing');
  });
});

describe('label names', () => {
  it('accepts the API rule after trimming and lowercasing', () => {
    expect(checkLabelName('  Production ')).toEqual({ name: 'production', error: null });
    expect(checkLabelName('eu.canary_2-b').error).toBeNull();
  });

  it('refuses latest, empty, too long and bad characters with a reason', () => {
    expect(checkLabelName('latest').error).toMatch(/newest version/);
    expect(checkLabelName('   ').error).toMatch(/Pick a label/);
    expect(checkLabelName('a'.repeat(51)).error).toMatch(/50/);
    expect(checkLabelName('-prod').error).toMatch(/start with/);
    expect(checkLabelName('prod env').error).toMatch(/Lowercase/);
  });
});

describe('split editor checks', () => {
  it('passes a 90/10 split and builds the targets', () => {
    const check = checkSplit(rows([3, '90'], [4, ' 10 ']), known);
    expect(check).toEqual({ fields: {}, form: null, total: 100, targets: [{ versionNumber: 3, weight: 90 }, { versionNumber: 4, weight: 10 }] });
  });

  it('says what the weights add up to when it is not 100', () => {
    const check = checkSplit(rows([3, '90'], [4, '20']), known);
    expect(check.form).toBe('Weights add up to 110; they must add up to 100');
    expect(check.total).toBe(110);
    expect(check.targets).toBeNull();
  });

  it('marks the field of a bad weight, by the server path', () => {
    const check = checkSplit(rows([3, '99.5'], [4, '0'], [5, '']), known);
    expect(check.fields).toEqual({ 'split.0.weight': 'A whole number', 'split.1.weight': 'Between 1 and 100', 'split.2.weight': 'A whole number' });
    expect(check.targets).toBeNull();
  });

  it('refuses a version twice or an unknown one', () => {
    const check = checkSplit(rows([3, '50'], [3, '40'], [99, '10']), known);
    expect(check.fields['split.1.versionNumber']).toBe('v3 is already in the split');
    expect(check.fields['split.2.versionNumber']).toBe('Pick a saved version');
    expect(check.targets).toBeNull();
  });

  it('needs 2 to 5 versions', () => {
    expect(checkSplit(rows([3, '100']), known).form).toMatch(/at least two/);
    expect(checkSplit(rows([1, '20'], [2, '20'], [3, '20'], [4, '20'], [5, '10'], [6, '10']), known).form).toMatch(/At most 5/);
    expect(checkSplit(rows([1, '20'], [2, '20'], [3, '20'], [4, '20'], [5, '20']), known).targets).toHaveLength(5);
  });

  it('spreads weights evenly, summing to 100', () => {
    expect(evenWeights(2)).toEqual([50, 50]);
    expect(evenWeights(3)).toEqual([34, 33, 33]);
    for (const n of [1, 2, 3, 4, 5]) expect(evenWeights(n).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('starts from the label split when it has the version, else the version at 90 and what the label mostly serves at 10', () => {
    expect(initialSplit(2, [{ versionNumber: 1, weight: 70 }, { versionNumber: 2, weight: 30 }], [4, 3, 2, 1])).toEqual(rows([1, '70'], [2, '30']));
    expect(initialSplit(4, [{ versionNumber: 1, weight: 30 }, { versionNumber: 2, weight: 70 }], [4, 3, 2, 1])).toEqual(rows([4, '90'], [2, '10']));
    expect(initialSplit(4, [{ versionNumber: 2, weight: 100 }], [4, 3, 2, 1])).toEqual(rows([4, '90'], [2, '10']));
    expect(initialSplit(4, undefined, [4, 3])).toEqual(rows([4, '90'], [3, '10']));
    expect(initialSplit(1, undefined, [1])).toEqual(rows([1, '100']));
  });
});

describe('labels by version and deployment summaries', () => {
  it('lists a split label under each of its versions', () => {
    const map = labelsByVersion([
      { name: 'production', targets: [{ versionNumber: 1, weight: 90 }, { versionNumber: 2, weight: 10 }] },
      { name: 'staging', targets: [{ versionNumber: 2, weight: 100 }] },
    ]);
    expect(map.get(1)?.map((l) => l.name)).toEqual(['production']);
    expect(map.get(2)?.map((l) => l.name)).toEqual(['production', 'staging']);
    expect(map.get(3)).toBeUndefined();
  });

  it('says what each action did', () => {
    const v = (n: number) => [{ versionNumber: n, weight: 100 }];
    expect(deploymentSummary({ label: 'production', action: 'move', from: null, to: v(1) })).toBe('Deployed production to v1');
    expect(deploymentSummary({ label: 'production', action: 'move', from: v(1), to: v(2) })).toBe('Moved production: v1 → v2');
    expect(deploymentSummary({ label: 'production', action: 'rollback', from: v(2), to: v(1) })).toBe('Rolled back production: v2 → v1');
    expect(deploymentSummary({ label: 'canary', action: 'delete', from: v(2), to: null })).toBe('Deleted canary (was v2)');
    expect(deploymentSummary({ label: 'canary', action: 'rollback', from: null, to: v(2) })).toBe('Restored canary to v2');
    expect(deploymentSummary({ label: 'canary', action: 'rollback', from: v(2), to: null })).toBe('Deleted canary again (was v2)');
    expect(deploymentSummary({ label: 'production', action: 'protect', from: v(2), to: v(2) })).toBe('Protected production');
  });
});

describe('what a rollback undoes', () => {
  const v = (n: number) => [{ versionNumber: n, weight: 100 }];
  it('is the latest move of each label, skipping protection changes', () => {
    const history = [
      { id: 'd5', label: 'staging', action: 'protect', from: v(2), to: v(2) },
      { id: 'd4', label: 'staging', action: 'rollback', from: null, to: v(2) },
      { id: 'd3', label: 'production', action: 'move', from: v(1), to: v(2) },
      { id: 'd2', label: 'production', action: 'move', from: null, to: v(1) },
      { id: 'd1', label: 'canary', action: 'move', from: null, to: v(1) },
    ];
    const picked = rollbackCandidates(history);
    expect(picked.get('production')?.id).toBe('d3');
    // A restore (a rollback from nothing) can be undone: that deletes the label again.
    expect(picked.get('staging')?.id).toBe('d4');
    // A label's creation is not rolled back.
    expect(picked.has('canary')).toBe(false);
  });

  it('includes a deletion, which a rollback brings back', () => {
    const picked = rollbackCandidates([{ id: 'd2', label: 'canary', action: 'delete', from: v(3), to: null }]);
    expect(picked.get('canary')?.id).toBe('d2');
  });
});
