/** What `npm run prices:report` reports; also its `--json` output. */
export type UnpricedReport = {
  days: number;
  /** The window's start (ISO instant). */
  since: string;
  tableVersion: string;
  models: {
    provider: string;
    model: string;
    runs: number;
    workspaces: number;
    /** The latest unpriced run (ISO instant). */
    lastSeen: string;
    /** The table entry that prices the model now, added after those runs; null when it still has no price. */
    pricedInTableNow: { model: string; effectiveFrom: string } | null;
  }[];
};

export const REPORT_DAYS = { default: 30, min: 1, max: 365 } as const;

export type ReportArgs = { days: number; json: boolean };

export const REPORT_USAGE = `Usage: npm run prices:report -- [--days N] [--json]  (N from ${REPORT_DAYS.min} to ${REPORT_DAYS.max}, default ${REPORT_DAYS.default})`;

/** The script's options, or a message saying what to change. */
export function parseReportArgs(argv: readonly string[]): { ok: true; args: ReportArgs } | { ok: false; message: string } {
  let days: number = REPORT_DAYS.default;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') {
      json = true;
    } else if (arg === '--days' || arg.startsWith('--days=')) {
      const value = arg === '--days' ? argv[++i] : arg.slice('--days='.length);
      if (value === undefined || !/^\d+$/.test(value) || Number(value) < REPORT_DAYS.min || Number(value) > REPORT_DAYS.max) {
        return { ok: false, message: `--days must be a whole number from ${REPORT_DAYS.min} to ${REPORT_DAYS.max}, got ${value === undefined ? 'nothing' : `"${value}"`}` };
      }
      days = Number(value);
    } else {
      return { ok: false, message: `unknown option "${arg}"` };
    }
  }
  return { ok: true, args: { days, json } };
}

// 2026-11-30T14:02:09.123Z -> 2026-11-30 14:02 UTC
const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The report as a text table for a terminal: one row per provider/model, most runs first. */
export function formatUnpricedReport(report: UnpricedReport): string {
  const window = `the last ${plural(report.days, 'day')} (since ${minute(report.since)})`;
  if (report.models.length === 0) return `Every succeeded run of ${window} has a price (table ${report.tableVersion}).\n`;
  const header = ['PROVIDER', 'MODEL', 'RUNS', 'WORKSPACES', 'LAST SEEN', 'NOTE'];
  const rows = report.models.map((m) => [
    m.provider,
    m.model,
    String(m.runs),
    String(m.workspaces),
    minute(m.lastSeen),
    m.pricedInTableNow ? `priced in the table now (${m.pricedInTableNow.model} from ${m.pricedInTableNow.effectiveFrom})` : '',
  ]);
  const widths = header.map((title, col) => Math.max(title.length, ...rows.map((row) => row[col]!.length)));
  const numeric = new Set([2, 3]);
  const line = (cells: string[]) =>
    cells
      .map((cell, col) => (numeric.has(col) ? cell.padStart(widths[col]!) : col === cells.length - 1 ? cell : cell.padEnd(widths[col]!)))
      .join('  ')
      .trimEnd();
  const runs = report.models.reduce((sum, m) => sum + m.runs, 0);
  return [
    `Models without a price in runs of ${window}, table ${report.tableVersion}:`,
    '',
    line(header),
    ...rows.map(line),
    '',
    `${plural(report.models.length, 'model')}, ${plural(runs, 'run')} without a cost. Add a price to lib/llm/prices/price-table.json (every workspace) or under Settings → Model prices (one workspace).`,
    '',
  ].join('\n');
}
