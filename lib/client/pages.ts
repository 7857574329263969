import type { Page } from './types';

/** The items of every loaded page in order; a row that moved between pages while loading shows once. */
export function pageItems<T extends { id: string }>(data: { pages: Page<T>[] } | undefined): T[] {
  if (!data) return [];
  const seen = new Set<string>();
  const items: T[] = [];
  for (const page of data.pages) {
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
    }
  }
  return items;
}
