import { describeOverrides, targetLabel, type RunParamsForm, type RunTarget } from './run-model-choice';
import type { ModelConfig } from '@/lib/client/types';

/** What the run panel's picker holds: what is on screen (the editor, or the version opened), or a saved version. */
export type RunSourceChoice = 'screen' | number;

/** What Run will execute: the editor's unsaved content (a draft run) or a saved version. */
export type RunSource = { kind: 'draft' } | { kind: 'version'; versionNumber: number };

/**
 * Run what you see: the picked version, else the version opened read-only, else the editor — a draft run when it
 * differs from the version it is based on, that version otherwise.
 */
export function resolveRunSource(choice: RunSourceChoice, screen: { viewing: number | null; dirty: boolean; baseVersion: number | null }): RunSource {
  if (choice !== 'screen') return { kind: 'version', versionNumber: choice };
  if (screen.viewing !== null) return { kind: 'version', versionNumber: screen.viewing };
  if (screen.dirty || screen.baseVersion === null) return { kind: 'draft' };
  return { kind: 'version', versionNumber: screen.baseVersion };
}

/** The picker's label for what is on screen. */
export function screenLabel(screen: { viewing: number | null; dirty: boolean; baseVersion: number | null }): string {
  if (screen.viewing !== null) return `On screen (v${screen.viewing})`;
  if (screen.dirty || screen.baseVersion === null) return 'Editor (draft)';
  return `Editor (v${screen.baseVersion}, unchanged)`;
}

function listTargets(targets: RunTarget[]): string {
  const labels = [...new Set(targets.map(targetLabel))];
  if (labels.length > 3) return `${labels.length} models`;
  if (labels.length <= 1) return labels[0] ?? 'no model';
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** "Runs your unsaved edits on openai/gpt-4o-mini and anthropic/claude-3-5-haiku with temperature 0.2". */
export function runSummary(source: RunSource, targets: RunTarget[], overrides: RunParamsForm, base: ModelConfig): string {
  const what = source.kind === 'draft' ? 'your unsaved edits' : `version ${source.versionNumber}`;
  const changed = describeOverrides(overrides, base);
  return `Runs ${what} on ${listTargets(targets)}${changed ? ` with ${changed}` : ''}`;
}
