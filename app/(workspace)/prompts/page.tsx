import type { Metadata } from 'next';
import { PromptList } from './_components/prompt-list';

export const metadata: Metadata = { title: 'Prompts' };

export default function PromptsPage() {
  return <PromptList />;
}
