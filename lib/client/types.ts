// JSON shapes of the API as the browser receives them (dates are ISO strings).
import type { VariableDef } from '@/lib/templates/variable-schema';
import type { ModelConfig } from '@/db/schema';

export type Version = {
  id: string;
  promptId: string;
  versionNumber: number;
  systemPrompt: string;
  userPrompt: string;
  variables: VariableDef[];
  model: ModelConfig;
  notes: string;
  restoredFrom: number | null;
  author: { id: string; name: string | null; email: string | null } | null;
  createdAt: string;
};

export type Prompt = {
  id: string;
  title: string;
  slug: string;
  description: string;
  tags: string[];
  versionCount: number;
  currentVersion: Version | null;
  createdAt: string;
  updatedAt: string;
};

export type PromptListItem = Omit<Prompt, 'currentVersion'> & {
  currentVersion: { versionNumber: number; provider: string; model: string; createdAt: string } | null;
};

export type { VariableDef, ModelConfig };
