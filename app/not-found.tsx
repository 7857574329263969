import type { Metadata } from 'next';
import { NotFoundView } from '@/components/shell/not-found-view';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/40 px-4">
      <NotFoundView brand title="This page does not exist" description="The address may be mistyped, or the page has moved." />
    </main>
  );
}
