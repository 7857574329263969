import type { Metadata } from 'next';
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '@/lib/experiments/statuses';
import { ExperimentsExplorer } from './_components/experiments-explorer';

export const metadata: Metadata = { title: 'Experiments' };

// The status filter lives in the address bar (?status=running), so a filtered list can be linked.
export default async function ExperimentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { status } = await searchParams;
  const initial = EXPERIMENT_STATUSES.find((s) => s === status) as ExperimentStatus | undefined;
  return <ExperimentsExplorer initialStatus={initial} />;
}
