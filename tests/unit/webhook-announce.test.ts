import { afterEach, describe, expect, it, vi } from 'vitest';

const after = vi.fn();
const emit = vi.fn(async (_input: unknown) => {});
vi.mock('next/server', () => ({ after: (task: Promise<unknown>) => after(task) }));
vi.mock('@/lib/webhooks/emit-event', () => ({ emitWorkspaceEvent: (input: unknown) => emit(input) }));
vi.mock('@/db/queries/experiments', () => ({ getExperimentForEngine: async () => null }));

const { announceExperimentFinished, announceVersionCreated } = await import('@/lib/webhooks/announce');

afterEach(() => {
  after.mockReset();
  emit.mockClear();
});

describe('announcing events', () => {
  it('hands the emit to after() inside a request, so a frozen serverless instance still writes the deliveries', async () => {
    announceVersionCreated({ workspaceId: 'w', promptId: 'p', versionNumber: 2, authorId: null, slug: 's' });
    expect(emit).toHaveBeenCalledWith(expect.objectContaining({ workspaceId: 'w', event: 'version.created' }));
    expect(after).toHaveBeenCalledTimes(1);
    expect(after.mock.calls[0]![0]).toBeInstanceOf(Promise);
    announceExperimentFinished({ id: 'e', status: 'completed' });
    expect(after).toHaveBeenCalledTimes(2);
    await after.mock.calls[1]![0];
  });

  it('runs on outside a request scope, where after() throws', async () => {
    after.mockImplementation(() => {
      throw new Error('`after` was called outside a request scope');
    });
    expect(() => announceVersionCreated({ workspaceId: 'w', promptId: 'p', versionNumber: 1, authorId: null, slug: 's' })).not.toThrow();
    expect(emit).toHaveBeenCalledTimes(1);
    // Not final: nothing to announce, nothing handed over.
    announceExperimentFinished({ id: 'e', status: 'running' });
    expect(after).toHaveBeenCalledTimes(1);
  });
});
