// npm run prices:report -- [--days N] [--json]
// The provider/models that ran without a price over the last N days (30 by default), in every workspace, with run
// counts: what to add to the price table. Reads the database DATABASE_URL names (or the embedded one).
import './load-env';
import { closeDb } from '@/db/client';
import { DatabaseInUseError } from '@/db/pglite-lock';
import { buildUnpricedReport } from '@/lib/llm/prices/unpriced-report';
import { formatUnpricedReport, parseReportArgs, REPORT_USAGE } from '@/lib/llm/prices/unpriced-report-text';

const parsed = parseReportArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`${parsed.message}\n${REPORT_USAGE}`);
  process.exit(2);
}

try {
  const report = await buildUnpricedReport({ days: parsed.args.days });
  process.stdout.write(parsed.args.json ? `${JSON.stringify(report, null, 2)}\n` : formatUnpricedReport(report));
} catch (error) {
  if (error instanceof DatabaseInUseError) {
    console.error(`${error.message}\nThe embedded database cannot be shared between processes. Stop the server and run this again.`);
    process.exit(3);
  }
  // 42P01 undefined_table: a PostgreSQL database the migrations have not reached yet.
  if ((error as { cause?: { code?: string } }).cause?.code === '42P01') {
    console.error('The database has no runs table yet: apply the migrations first (npm run db:migrate).');
    process.exit(1);
  }
  console.error(`Could not build the report: ${(error as Error).message}`);
  process.exit(1);
} finally {
  await closeDb().catch(() => undefined);
}
