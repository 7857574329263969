import type { Metadata } from 'next';
import { DatasetList } from './_components/dataset-list';

export const metadata: Metadata = { title: 'Datasets' };

export default function DatasetsPage() {
  return <DatasetList />;
}
