import { describe, expect, it } from 'vitest';
import { formatUnpricedReport, parseReportArgs, type UnpricedReport } from '@/lib/llm/prices/unpriced-report-text';

const report: UnpricedReport = {
  days: 30,
  since: '2026-11-01T12:00:00.000Z',
  tableVersion: '2026-12-01.1',
  models: [
    { provider: 'openai', model: 'my-finetune', runs: 1204, workspaces: 3, lastSeen: '2026-11-30T14:02:09.123Z', pricedInTableNow: null },
    { provider: 'ollama', model: 'llama3.1:8b', runs: 7, workspaces: 1, lastSeen: '2026-11-02T08:15:00.000Z', pricedInTableNow: null },
    { provider: 'openai', model: 'gpt-5.6', runs: 2, workspaces: 1, lastSeen: '2026-11-20T00:00:00.000Z', pricedInTableNow: { model: 'gpt-5.6', effectiveFrom: '2026-11-25' } },
  ],
};

describe('formatUnpricedReport', () => {
  it('prints one aligned row per model, numbers right-aligned, the table-priced note last, and a total', () => {
    expect(formatUnpricedReport(report)).toBe(
      [
        'Models without a price in runs of the last 30 days (since 2026-11-01 12:00 UTC), table 2026-12-01.1:',
        '',
        'PROVIDER  MODEL        RUNS  WORKSPACES  LAST SEEN             NOTE',
        'openai    my-finetune  1204           3  2026-11-30 14:02 UTC',
        'ollama    llama3.1:8b     7           1  2026-11-02 08:15 UTC',
        'openai    gpt-5.6         2           1  2026-11-20 00:00 UTC  priced in the table now (gpt-5.6 from 2026-11-25)',
        '',
        // 1204 + 7 + 2 = 1213 runs.
        '3 models, 1213 runs without a cost. Add a price to lib/llm/prices/price-table.json (every workspace) or under Settings → Model prices (one workspace).',
        '',
      ].join('\n'),
    );
  });

  it('says so when every run has a price, in the singular for one day', () => {
    expect(formatUnpricedReport({ ...report, days: 1, since: '2026-11-30T12:00:00.000Z', models: [] })).toBe(
      'Every succeeded run of the last 1 day (since 2026-11-30 12:00 UTC) has a price (table 2026-12-01.1).\n',
    );
  });
});

describe('parseReportArgs', () => {
  it('defaults to 30 days as a text table', () => {
    expect(parseReportArgs([])).toEqual({ ok: true, args: { days: 30, json: false } });
  });

  it('reads --days N, --days=N and --json', () => {
    expect(parseReportArgs(['--days', '7', '--json'])).toEqual({ ok: true, args: { days: 7, json: true } });
    expect(parseReportArgs(['--days=365'])).toEqual({ ok: true, args: { days: 365, json: false } });
    expect(parseReportArgs(['--days', '1'])).toEqual({ ok: true, args: { days: 1, json: false } });
  });

  it('refuses days outside 1–365, fractions, a missing value and unknown options', () => {
    expect(parseReportArgs(['--days', '0'])).toEqual({ ok: false, message: '--days must be a whole number from 1 to 365, got "0"' });
    expect(parseReportArgs(['--days', '366'])).toMatchObject({ ok: false });
    expect(parseReportArgs(['--days', '1.5'])).toMatchObject({ ok: false });
    expect(parseReportArgs(['--days'])).toEqual({ ok: false, message: '--days must be a whole number from 1 to 365, got nothing' });
    expect(parseReportArgs(['--since', '2026-01-01'])).toEqual({ ok: false, message: 'unknown option "--since"' });
  });
});
