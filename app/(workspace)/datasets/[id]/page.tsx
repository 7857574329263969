import type { Metadata } from 'next';
import { requireDatasetPage } from '@/lib/auth/page-record';
import { DatasetView } from './_components/dataset-view';

export const metadata: Metadata = { title: 'Dataset' };

// Loads client-side through the JSON API; a missing or another workspace's dataset answers the branded 404.
export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireDatasetPage(id);
  return <DatasetView key={id} datasetId={id} />;
}
