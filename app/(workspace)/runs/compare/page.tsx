import type { Metadata } from 'next';
import { parseCompareIds } from '@/components/runs/compare-runs';
import { CompareRunsView } from './_components/compare-runs-view';

export const metadata: Metadata = { title: 'Compare runs' };

type Search = Record<string, string | string[] | undefined>;

// /runs/compare?ids=a,b,c&base=b: the runs load client-side through the JSON API, so the link is all it needs.
export default async function CompareRunsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const ids = parseCompareIds(search.ids);
  const base = parseCompareIds(search.base)[0];
  return <CompareRunsView key={ids.join(',')} ids={ids} initialBaseId={base && ids.includes(base) ? base : ids[0]} />;
}
