import 'server-only';
import { getPromptVersionById, getPromptVersionByNumber } from '@/db/queries/prompt-versions';
import type { PromptVersion } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import type { Caller } from '@/lib/auth/resolve-caller';
import { assertUsableModelSchemas } from '@/lib/llm/json-schema';
import { readPromptWithCurrentVersion } from '@/lib/prompts/prompt-cache';
import { resolveProviderConfig } from '@/lib/providers/resolve';
import type { z } from 'zod';
import type { variantSchema } from './schemas';
import type { ResolvedVariant } from './types';

export type VariantInput = z.infer<typeof variantSchema>;
/** A variant with the version it renders (content for rendering and hashing). */
export type VariantSource = { variant: ResolvedVariant; version: PromptVersion };

const notFoundAt = (path: string, message: string) => new ApiError('NOT_FOUND', `\`${path}\`: ${message}`, { fields: [{ path, message }] });

/**
 * Resolves every variant against the workspace: the prompt and version (default: current), the model settings
 * (default: the version's), the allowlist, and a configured provider, so a bad variant is refused at creation.
 */
export async function resolveVariants({ caller, variants }: { caller: Caller; variants: VariantInput[] }): Promise<VariantSource[]> {
  const workspace = caller.workspace;
  const providersChecked = new Set<string>();
  const resolved: VariantSource[] = [];
  for (const [index, input] of variants.entries()) {
    const path = `variants.${index}`;
    const found = await readPromptWithCurrentVersion({ id: input.promptId, workspaceId: workspace.id });
    if (!found) throw notFoundAt(`${path}.promptId`, 'prompt not found');
    const version = input.versionNumber
      ? (await getPromptVersionByNumber({ promptId: input.promptId, workspaceId: workspace.id, versionNumber: input.versionNumber }))?.version
      : found.version;
    if (!version) throw notFoundAt(`${path}.versionNumber`, input.versionNumber ? `version ${input.versionNumber} not found` : 'the prompt has no version');

    const { provider: versionProvider, model: versionModel, ...versionParams } = version.model;
    const provider = input.provider ?? versionProvider;
    const model = input.model ?? versionModel;
    assertUsableModelSchemas(input.params, `${path}.params`);
    if (workspace.modelAllowlist && !workspace.modelAllowlist.includes(`${provider}/${model}`)) {
      throw new ApiError('FORBIDDEN', `\`${path}.model\`: \`${provider}/${model}\` is not on this workspace's allowlist`, {
        fields: [{ path: `${path}.model`, message: 'is not on the allowlist' }],
      });
    }
    if (!providersChecked.has(provider)) {
      await resolveProviderConfig({ workspaceId: workspace.id, provider });
      providersChecked.add(provider);
    }
    const title = found.prompt.title;
    resolved.push({
      version,
      variant: {
        index,
        label: input.label ?? `${variants.length > 1 && new Set(variants.map((v) => v.promptId)).size > 1 ? `${title} ` : ''}v${version.versionNumber} · ${model}`,
        promptId: input.promptId,
        promptTitle: title,
        versionId: version.id,
        versionNumber: version.versionNumber,
        provider,
        model,
        params: { ...versionParams, ...input.params },
      },
    });
  }
  return resolved;
}

/** The versions of an experiment's variants, for the engine (launch renders from them). */
export async function loadVariantVersions({ workspaceId, variants }: { workspaceId: string; variants: ResolvedVariant[] }): Promise<Map<string, PromptVersion>> {
  const versions = new Map<string, PromptVersion>();
  for (const variant of variants) {
    if (versions.has(variant.versionId)) continue;
    const row = await getPromptVersionById({ id: variant.versionId, workspaceId });
    if (row) versions.set(variant.versionId, row.version);
  }
  return versions;
}
