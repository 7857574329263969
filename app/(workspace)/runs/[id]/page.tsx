import type { Metadata } from 'next';
import { RunDetail } from './_components/run-detail';
import { requireRunPage } from '@/lib/auth/page-record';

export const metadata: Metadata = { title: 'Run' };

// Loads client-side through the JSON API, streaming while the run is in flight.
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireRunPage(id);
  return <RunDetail key={id} runId={id} />;
}
