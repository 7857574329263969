import type { Metadata } from 'next';
import { filtersFromSearch } from '@/components/runs/run-filters';
import { RunsExplorer } from './_components/runs-explorer';

export const metadata: Metadata = { title: 'Runs' };

// Filters live in the address bar (?promptId=&status=…), so a filtered list can be linked and bookmarked.
export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <RunsExplorer initialFilters={filtersFromSearch(await searchParams)} />;
}
