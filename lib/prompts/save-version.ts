import 'server-only';
import type { Transaction } from '@/db/client';
import { appendPromptVersion, getPromptVersionById } from '@/db/queries/prompt-versions';
import type { PromptVersion } from '@/db/schema';
import { ApiError, notFound } from '@/lib/api/errors';
import { forgetPromptDelivery } from '@/lib/delivery/invalidate';
import { announceVersionCreated } from '@/lib/webhooks/announce';
import { forgetPrompt } from './prompt-cache';
import type { NewVersionInput } from './schemas';
import { versionContent } from './version-content';
import { toVersionView, type VersionView } from './views';

const staleBase = (current: number, base: number) =>
  new ApiError('CONFLICT', `Version ${current} was saved since you started editing version ${base}`, {
    details: { currentVersionNumber: current },
  });

/**
 * Saves a new immutable version and makes it current. With `baseVersionNumber`, a save that did not start
 * from the latest version is refused (409), checked under the row lock that serialises saves.
 */
export async function saveVersion(args: {
  promptId: string;
  workspaceId: string;
  userId: string;
  input: NewVersionInput;
  restoredFrom?: number;
  /** Writes that belong with the save (a draft run linked to it), in its transaction. */
  after?: (tx: Transaction, version: PromptVersion) => Promise<void>;
}): Promise<VersionView> {
  const { baseVersionNumber, ...input } = args.input;
  const saved = await appendPromptVersion({
    promptId: args.promptId,
    workspaceId: args.workspaceId,
    authorId: args.userId,
    restoredFrom: args.restoredFrom ?? null,
    build: ({ prompt, current }) => {
      if (baseVersionNumber !== undefined && baseVersionNumber !== prompt.latestVersionNumber) {
        throw staleBase(prompt.latestVersionNumber, baseVersionNumber);
      }
      return versionContent(input, current);
    },
    after: args.after,
  }).finally(() => {
    forgetPrompt({ id: args.promptId, workspaceId: args.workspaceId });
    forgetPromptDelivery(args.workspaceId, args.promptId); // `latest` moved
  });
  if (!saved) throw notFound('Prompt');
  const row = await getPromptVersionById({ id: saved.id, workspaceId: args.workspaceId });
  if (!row) throw new Error('a version just saved could not be read back');
  announceVersionCreated({ workspaceId: args.workspaceId, promptId: args.promptId, versionNumber: saved.versionNumber, authorId: args.userId });
  return toVersionView(row);
}
