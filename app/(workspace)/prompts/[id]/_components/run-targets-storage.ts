import { MAX_TARGETS, type RunTarget } from './run-model-choice';

const key = (promptId: string) => `promptlab:run-targets:${promptId}`;

/** The models last chosen for this prompt in this browser, or null (then the version's model is the target). */
export function loadTargets(promptId: string): RunTarget[] | null {
  if (typeof window === 'undefined') return null;
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(key(promptId)) ?? 'null');
    if (!Array.isArray(parsed)) return null;
    const targets = parsed
      .filter((t): t is RunTarget => typeof t?.provider === 'string' && typeof t?.model === 'string')
      .slice(0, MAX_TARGETS)
      .map((t) => ({ provider: t.provider.slice(0, 50), model: t.model.slice(0, 200) }));
    return targets.length > 0 ? targets : null;
  } catch {
    return null;
  }
}

export function saveTargets(promptId: string, targets: RunTarget[] | null) {
  try {
    if (targets === null) window.localStorage.removeItem(key(promptId));
    else window.localStorage.setItem(key(promptId), JSON.stringify(targets));
  } catch {
    // Storage full or disabled: remembering the models is a convenience only.
  }
}
