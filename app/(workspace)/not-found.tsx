import type { Metadata } from 'next';
import { NotFoundView } from '@/components/shell/not-found-view';

export const metadata: Metadata = { title: 'Not found' };

// Prompts and runs that are missing, or belong to another workspace, land here (indistinguishable on purpose).
export default function WorkspaceNotFound() {
  return <NotFoundView title="Nothing here" description="It may have been deleted, or it belongs to a workspace you are not in." />;
}
