import type { Metadata } from 'next';
import { requireExperimentPage } from '@/lib/auth/page-record';
import { ExperimentView } from './_components/experiment-view';

export const metadata: Metadata = { title: 'Experiment' };

// Loads client-side through the JSON API, following the progress stream while the experiment runs.
export default async function ExperimentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireExperimentPage(id);
  return <ExperimentView key={id} experimentId={id} />;
}
