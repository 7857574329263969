import { matchSpecificity, pickPrice } from '../pricing';
import { priceTableSchema, type PriceTableFile } from './price-entry-schema';

type Entry = PriceTableFile['entries'][number];

const label = (entry: Pick<Entry, 'provider' | 'model' | 'effectiveFrom'>) => `${entry.provider} ${entry.model} from ${entry.effectiveFrom}`;

/** Model ids that probe how a pattern is matched: the id itself and its dated snapshots, or ids under a prefix. */
function probesFor(pattern: string): string[] {
  if (pattern.endsWith('*')) return [pattern.slice(0, -1), `${pattern.slice(0, -1)}-x`];
  return [pattern, `${pattern}-2099-01-01`, `${pattern}-20990101`];
}

/** Two patterns that match one model id equally specifically would make its price depend on effective dates alone. */
function ambiguousMatches(entries: readonly Entry[]): string[] {
  const problems = new Set<string>();
  for (const provider of new Set(entries.map((entry) => entry.provider))) {
    const patterns = [...new Set(entries.filter((entry) => entry.provider === provider).map((entry) => entry.model))];
    for (const probe of patterns.flatMap(probesFor)) {
      const scored = patterns.map((pattern) => ({ pattern, score: matchSpecificity(pattern, probe) })).filter(({ score }) => score >= 0);
      const top = Math.max(...scored.map(({ score }) => score));
      const tied = scored.filter(({ score }) => score === top).map(({ pattern }) => pattern);
      if (tied.length > 1) {
        problems.add(`${provider} model id ${probe} is matched equally by ${tied.join(' and ')}: make one pattern more specific or merge them`);
      }
    }
  }
  return [...problems];
}

/** One model's entries must agree on its life dates and kind: they describe the model, not one price period. */
function lifeDateConflicts(entries: readonly Entry[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, Entry>();
  for (const entry of entries) {
    const key = `${entry.provider} ${entry.model}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, entry);
      continue;
    }
    // A later entry without retiresOn would silently drop the retirement warning.
    for (const field of ['releasedOn', 'retiresOn', 'replacement', 'reasoning'] as const) {
      if (first[field] !== entry[field]) {
        problems.push(`${label(entry)}: ${field} ${String(entry[field] ?? 'absent')} differs from ${String(first[field] ?? 'absent')} on ${label(first)}; give every entry of the model the same ${field}`);
      }
    }
  }
  return problems;
}

/**
 * Everything wrong with a price table file, one line per problem naming the entry and what to fix; empty when the
 * file is sound. Beyond each entry's shape: unique provider/model/effectiveFrom, one price per model id and day,
 * checks not dated after the table's version, and replacements the table prices.
 */
export function priceTableProblems(raw: unknown): string[] {
  const parsed = priceTableSchema.safeParse(raw);
  if (!parsed.success) {
    const entries = (raw as { entries?: Entry[] } | null)?.entries;
    return parsed.error.issues.map((issue) => {
      const [first, index, ...field] = issue.path;
      const entry = first === 'entries' && typeof index === 'number' ? entries?.[index] : undefined;
      const where = entry ? `entry ${String(index)} (${label(entry)})` : issue.path.map(String).join('.') || 'the file';
      return `${where}${field.length ? ` ${field.map(String).join('.')}` : ''}: ${issue.message}`;
    });
  }
  const { version, entries } = parsed.data;
  const versionDay = version.slice(0, 10);
  const asOf = new Date(`${versionDay}T12:00:00Z`);
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const entry of entries) {
    const key = label(entry);
    if (keys.has(key)) problems.push(`${key}: a second entry for the same provider, model and effectiveFrom; merge them or date the change`);
    keys.add(key);
    if (entry.checkedOn > versionDay) problems.push(`${key}: checkedOn ${entry.checkedOn} is after the table's version day ${versionDay}; bump version`);
    if (entry.replacement && !pickPrice(entries, entry.provider, entry.replacement, asOf)) {
      problems.push(`${key}: replacement ${entry.replacement} has no price in the table on ${versionDay}; add it or name a priced model`);
    }
  }
  return [...problems, ...ambiguousMatches(entries), ...lifeDateConflicts(entries)];
}
