import type { SaveInputSetInput } from './input-set-schema';
import { DEFAULT_MODEL, type NewPromptInput } from './schemas';

/*
 * The first-run sample: small, useful, and runnable on the built-in local model with no key. The slug is how the
 * sample endpoint and `npm run db:seed` recognise it (a live prompt with this slug is the sample).
 */
export const SAMPLE_PROMPT_SLUG = 'sample-support-reply';

export const SAMPLE_PROMPT = {
  title: 'Sample: support reply',
  slug: SAMPLE_PROMPT_SLUG,
  description:
    'A sample to try the playground with: drafts a reply to a customer message. It runs on the built-in local model ' +
    'without an API key; pick a real model in the run panel for real answers.',
  tags: ['sample'],
  systemPrompt:
    'You are a support agent for Acme Notes, a note-taking app. Reply in a {{tone}} tone, in at most ' +
    '{{max_sentences}} sentences. Never promise refunds or dates you cannot confirm; offer the next step instead.',
  userPrompt: 'Customer message:\n{{message}}\n\nWrite the reply.',
  variables: [
    {
      name: 'message',
      type: 'string',
      required: true,
      default: 'Hi, I was charged twice for my subscription this month. Can you help?',
      description: 'The message to answer',
    },
    { name: 'tone', type: 'string', required: false, default: 'friendly', description: 'How the reply should sound' },
    { name: 'max_sentences', type: 'number', required: false, default: 3, description: 'The longest reply allowed' },
  ],
  model: { ...DEFAULT_MODEL, temperature: 0.3, maxTokens: 300 },
  notes: 'Sample prompt',
} satisfies NewPromptInput;

/** Saved with the sample, so "rerun a saved case" works from the first minute. */
export const SAMPLE_INPUT_SETS = [
  {
    name: 'Upset customer, short reply',
    values: { message: 'Your update deleted my notes. This is the third time this year!', tone: 'calm and apologetic', max_sentences: 2 },
  },
] satisfies SaveInputSetInput[];
