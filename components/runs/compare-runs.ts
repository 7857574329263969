/** At most this many runs side by side: beyond it the columns get too narrow to read. */
export const MAX_COMPARE_RUNS = 8;

export const COMPARE_PATH = '/runs/compare';

/** The run ids of a comparison link, deduplicated and capped, in their order; junk is dropped. */
export function parseCompareIds(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  const ids = text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => /^[A-Za-z0-9-]{1,64}$/.test(id));
  return [...new Set(ids)].slice(0, MAX_COMPARE_RUNS);
}

/** "/runs/compare?ids=a,b,c": a shareable comparison of these runs (the first `baseId`, or the first run, is the base). */
export function compareRunsHref(ids: string[], baseId?: string): string {
  const kept = parseCompareIds(ids.join(','));
  const params = new URLSearchParams({ ids: kept.join(',') });
  if (baseId && kept.includes(baseId) && baseId !== kept[0]) params.set('base', baseId);
  // Commas read better than %2C in a link someone pastes.
  return `${COMPARE_PATH}?${params.toString().replaceAll('%2C', ',')}`;
}
