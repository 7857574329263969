import type { components } from '../generated/api.js';

/** POST /api/v1/import's answer, as the OpenAPI document types it. */
export type ImportReport = components['schemas']['ImportReport'];

const counts = (c: Record<string, number>) =>
  Object.entries(c)
    .filter(([, n]) => typeof n === 'number' && n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ') || 'nothing';

/** The report as lines: what was (or would be) created, what already existed, and every skipped part with why. */
export function formatImportReport(report: ImportReport): string[] {
  const lines = [`${report.dryRun ? 'would create' : 'created'}: ${counts(report.created)}`, `already there: ${counts(report.existing)}`];
  for (const p of report.prompts ?? []) lines.push(`  prompt ${p.slug}${p.versionNumbers.length ? ` v${p.versionNumbers.join(', v')}` : ''}`);
  for (const d of report.datasets ?? []) lines.push(`  dataset ${d.name} (${d.items} items)`);
  if ((report.skipped ?? []).length > 0) {
    lines.push(`skipped ${report.skipped.length}:`);
    for (const s of report.skipped) lines.push(`  - ${s.what}: ${s.why}`);
  }
  return lines;
}
