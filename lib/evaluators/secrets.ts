import 'server-only';
import { decryptSecret, encryptSecret, SecretBoxError } from '@/lib/crypto/secret-box';
import type { EvaluatorSpec } from './types';

/** What a stored secret reads as in every answer. */
export const REDACTED_SECRET = '••••';

const hasSecret = (spec: EvaluatorSpec) => spec.type === 'webhook' && (typeof spec.config.secret === 'string' || typeof spec.config.secretEncrypted === 'string');

/** Webhook secrets encrypted for storage: `secret` becomes `secretEncrypted` (AES-GCM, lib/crypto/secret-box). */
export function sealEvaluatorSecrets(specs: readonly EvaluatorSpec[]): EvaluatorSpec[] {
  return specs.map((spec) => {
    if (spec.type !== 'webhook' || typeof spec.config.secret !== 'string') return spec;
    const { secret, ...rest } = spec.config;
    return { ...spec, config: { ...rest, secretEncrypted: encryptSecret(secret) } };
  });
}

/** Specs as an answer shows them: a secret, sealed or not, reads `••••`. */
export function redactEvaluatorSecrets(specs: readonly EvaluatorSpec[]): EvaluatorSpec[] {
  return specs.map((spec) => {
    if (!hasSecret(spec)) return spec;
    const { secret: _secret, secretEncrypted: _sealed, ...rest } = spec.config;
    return { ...spec, config: { ...rest, secret: REDACTED_SECRET } };
  });
}

/**
 * For a rerun whose evaluators came back from an answer: a webhook whose secret is still `••••` keeps the sealed
 * secret of the previous spec with the same URL (and name, when it has one). Call before parseEvaluatorSpecs;
 * one left `••••` is refused there.
 */
export function restoreEvaluatorSecrets(specs: readonly EvaluatorSpec[], previous: readonly EvaluatorSpec[]): EvaluatorSpec[] {
  return specs.map((spec) => {
    if (spec.type !== 'webhook' || spec.config.secret !== REDACTED_SECRET) return spec;
    const candidates = previous.filter((p) => p.type === 'webhook' && p.config.url === spec.config.url && typeof p.config.secretEncrypted === 'string');
    // By name when the spec has one (as answers show it); a form that dropped names still matches a lone webhook.
    const match = spec.name ? candidates.find((p) => p.name === spec.name) : candidates.length === 1 ? candidates[0] : undefined;
    const { secret: _redacted, ...rest } = spec.config;
    return match ? { ...spec, config: { ...rest, secretEncrypted: match.config.secretEncrypted } } : spec;
  });
}

/** The plain secret of a webhook config (sealed or, in tests, plain), or null when it has none. */
export function openEvaluatorSecret(config: { secret?: string; secretEncrypted?: string }): string | null {
  if (config.secretEncrypted) {
    try {
      return decryptSecret(config.secretEncrypted);
    } catch (error) {
      if (error instanceof SecretBoxError) throw new Error('the webhook secret cannot be decrypted (was ENCRYPTION_KEY changed?): save the evaluator with its secret again');
      throw error;
    }
  }
  return config.secret ?? null;
}
