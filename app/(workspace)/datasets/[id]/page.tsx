import type { Metadata } from 'next';
import { DatasetView } from './_components/dataset-view';

export const metadata: Metadata = { title: 'Dataset' };

// Loads client-side through the JSON API; a missing or another workspace's dataset shows the not-found state.
export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DatasetView key={id} datasetId={id} />;
}
