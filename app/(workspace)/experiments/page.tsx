import type { Metadata } from 'next';
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '@/lib/experiments/statuses';
import { ExperimentsExplorer } from './_components/experiments-explorer';

export const metadata: Metadata = { title: 'Experiments' };

const one = (v: string | string[] | undefined) => (typeof v === 'string' && v.length <= 100 ? v : undefined);

// Filters live in the address bar (?status=running, ?promptId=…, ?datasetId=…), so a filtered list can be linked.
export default async function ExperimentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const status = EXPERIMENT_STATUSES.find((s) => s === params.status) as ExperimentStatus | undefined;
  return <ExperimentsExplorer initialStatus={status} promptId={one(params.promptId)} datasetId={one(params.datasetId)} />;
}
