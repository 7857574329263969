import type { Metadata } from 'next';
import { PromptEditor } from './_components/prompt-editor';
import { requirePromptPage } from '@/lib/auth/page-record';

export const metadata: Metadata = { title: 'Prompt editor' };

// Data loads client-side through the JSON API, so the page itself stays a thin shell.
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePromptPage(id);
  // Keyed by id: moving to another prompt starts from a fresh draft.
  return <PromptEditor key={id} promptId={id} />;
}
