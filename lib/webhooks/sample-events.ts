import type { TestEvent } from './events';

// What "send test event" sends: shaped like the real events, with ids that match nothing.
const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

export function sampleEventData(event: TestEvent, webhookId: string): Record<string, unknown> {
  switch (event) {
    case 'ping':
      return { message: 'A test event from PromptLab: your endpoint is reachable and can check the signature.', webhookId };
    case 'version.created':
      return { promptId: SAMPLE_ID, slug: 'sample-prompt', versionNumber: 3, authorId: null };
    case 'label.moved':
      return {
        promptId: SAMPLE_ID,
        slug: 'sample-prompt',
        label: 'production',
        from: [{ versionNumber: 2, weight: 100 }],
        to: [{ versionNumber: 3, weight: 100 }],
        deploymentId: SAMPLE_ID,
        action: 'move',
      };
    case 'experiment.completed':
      return {
        id: SAMPLE_ID,
        name: 'Sample experiment',
        status: 'completed',
        totals: { cells: 20, succeeded: 19, errored: 1, canceled: 0, costUsd: 0.0123 },
        passRate: 0.85,
      };
  }
}
