import { z } from 'zod';
import { MAX_DRAFT_BYTES, templateMessageSchema } from '@/lib/prompts/schemas';
import { variableDefsSchema } from '@/lib/templates';
import type { EditorState } from './draft-content';

/** This browser's copy of the draft: written on every change, so a crash or going offline loses nothing. */
export type LocalDraft = { state: EditorState; baseVersionNumber: number | null; updatedAt: string };

const storageKey = (promptId: string) => `promptlab:draft:${promptId}`;

const text = z.string().max(MAX_DRAFT_BYTES);
// What was written may be from an older build or edited by hand: anything unexpected reads as no draft.
const localDraftSchema = z.object({
  v: z.literal(1),
  baseVersionNumber: z.number().int().positive().nullable(),
  updatedAt: z.iso.datetime(),
  state: z.object({
    draft: z.object({
      systemPrompt: text,
      userPrompt: text,
      messages: z.array(templateMessageSchema).nullable(),
      variables: variableDefsSchema,
      model: z.object({
        provider: text,
        model: text,
        temperature: text,
        maxTokens: text,
        topP: text,
        stop: text,
        responseSchema: z.object({ name: text, schema: text, strict: z.boolean() }),
        tools: z.array(z.object({ name: text, description: text, parameters: text })),
      }),
    }),
    notes: text,
    values: z.record(z.string(), z.union([text, z.boolean()])),
  }),
});

export function readLocalDraft(promptId: string): LocalDraft | null {
  if (typeof window === 'undefined') return null;
  try {
    const raw = window.localStorage.getItem(storageKey(promptId));
    if (raw === null) return null;
    const parsed = localDraftSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    const { v: _v, ...draft } = parsed.data;
    return draft;
  } catch {
    return null;
  }
}

export function writeLocalDraft(promptId: string, draft: LocalDraft) {
  try {
    window.localStorage.setItem(storageKey(promptId), JSON.stringify({ v: 1, ...draft }));
  } catch {
    // Storage full or disabled: the server copy still follows a second later.
  }
}

export function clearLocalDraft(promptId: string) {
  try {
    window.localStorage.removeItem(storageKey(promptId));
  } catch {
    // Disabled storage holds nothing to clear.
  }
}
