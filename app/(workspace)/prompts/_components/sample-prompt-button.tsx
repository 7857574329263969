'use client';

import { useRouter } from 'next/navigation';
import { Sparkles } from 'lucide-react';
import { useCreateSamplePrompt } from '@/components/prompts/use-sample-prompt';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';

/** First run: one click to a ready prompt that runs on the built-in local model, with a saved input set. */
export function SamplePromptButton() {
  const router = useRouter();
  const sample = useCreateSamplePrompt();
  // Stays busy after success too: the editor is loading.
  const busy = sample.isPending || sample.isSuccess;

  function start() {
    sample.mutate(undefined, {
      onSuccess: (prompt) => router.push(`/prompts/${prompt.id}`),
      onError: (error) => toast({ id: 'sample-prompt', title: 'Could not create the sample prompt', description: errorMessage(error), variant: 'error' }),
    });
  }

  return (
    <Button variant="outline" onClick={start} disabled={busy} data-testid="try-sample-prompt">
      {busy ? <Spinner /> : <Sparkles aria-hidden />} Try a sample prompt
    </Button>
  );
}
