import 'server-only';
import { z } from 'zod';
import { deletePromptDraft, getPromptDraft, upsertPromptDraft } from '@/db/queries/prompt-drafts';
import { ApiError, notFound } from '@/lib/api/errors';
import { rateLimit, rateLimitHeaders } from '@/lib/ratelimit';
import { MAX_DRAFT_BYTES, saveDraftSchema, type DraftContent } from './schemas';

export { saveDraftSchema };

/** What GET /draft answers: the editor's unsaved state as the user last left it. */
export type DraftView = { content: DraftContent; baseVersionNumber: number | null; updatedAt: Date };

type DraftArgs = { promptId: string; workspaceId: string; userId: string };

export async function getDraft(args: DraftArgs): Promise<DraftView | null> {
  const { prompt, draft } = await getPromptDraft(args);
  if (!prompt) throw notFound('Prompt');
  return draft;
}

/** Keeps the user's draft (autosave): rate limited per user, and bounded in size. */
export async function saveDraft(args: DraftArgs & { input: z.infer<typeof saveDraftSchema> }): Promise<{ updatedAt: Date }> {
  const limited = await rateLimit('drafts', `user:${args.userId}`);
  if (!limited.success) {
    throw new ApiError('RATE_LIMITED', `Drafts are being saved too often: the limit is ${limited.limit} a minute. Try again in a moment.`, {
      headers: rateLimitHeaders(limited),
    });
  }
  const bytes = Buffer.byteLength(JSON.stringify(args.input.content));
  if (bytes > MAX_DRAFT_BYTES) {
    throw new ApiError(
      'PAYLOAD_TOO_LARGE',
      `This draft is ${kb(bytes)} KB, more than the ${kb(MAX_DRAFT_BYTES)} KB a draft can keep. Save it as a version or shorten it.`,
      { details: { bytes, limit: MAX_DRAFT_BYTES } },
    );
  }
  const saved = await upsertPromptDraft({
    promptId: args.promptId,
    workspaceId: args.workspaceId,
    userId: args.userId,
    content: args.input.content,
    baseVersionNumber: args.input.baseVersionNumber ?? null,
  });
  if (!saved) throw notFound('Prompt');
  return saved;
}

export async function discardDraft(args: DraftArgs): Promise<{ deleted: true }> {
  if (!(await deletePromptDraft(args))) throw notFound('Prompt');
  return { deleted: true };
}

const kb = (bytes: number) => Math.ceil(bytes / 1024).toLocaleString('en-US');
