import type { DatasetItemInput } from './schemas';

/*
 * The first-run sample dataset: test cases for the sample prompt (lib/prompts/sample-prompt.ts), so an experiment
 * can be tried at once. `expected` is a phrase a good reply contains (for `icontains`-style evaluators).
 * The name is how `npm run db:seed` recognises it.
 */
export const SAMPLE_DATASET_NAME = 'Sample: support messages';

export const SAMPLE_DATASET_DESCRIPTION =
  'Customer messages for the sample support-reply prompt. Each expected value is a phrase a good reply should contain; ' +
  'metadata.category groups the cases.';

const item = (message: string, tone: string, maxSentences: number, expected: string, category: string): DatasetItemInput => ({
  input: { message, tone, max_sentences: maxSentences },
  expected,
  metadata: { category },
});

export const SAMPLE_DATASET_ITEMS: DatasetItemInput[] = [
  item('Hi, I was charged twice for my subscription this month. Can you help?', 'friendly', 3, 'billing', 'billing'),
  item('I want a refund for the annual plan, I only used it for a week.', 'calm', 3, 'refund', 'billing'),
  item('Your update deleted my notes. This is the third time this year!', 'calm and apologetic', 2, 'sorry', 'data-loss'),
  item('How do I export all my notes as Markdown?', 'friendly', 3, 'export', 'how-to'),
  item('The app crashes every time I open a shared notebook on Android.', 'friendly', 3, 'version', 'bug'),
  item('Can I use Acme Notes offline on a plane?', 'cheerful', 2, 'offline', 'how-to'),
  item('I forgot my password and the reset email never arrives.', 'friendly', 3, 'spam', 'account'),
  item('Please delete my account and all my data.', 'formal', 2, 'delete', 'account'),
  item('When will you add dark mode? Everyone else has it.', 'friendly', 2, 'feedback', 'feature-request'),
  item('Is my data encrypted? My company needs to know before we buy.', 'formal', 3, 'encrypt', 'security'),
];
