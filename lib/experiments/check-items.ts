import 'server-only';
import type { SnapshotItem } from '@/db/queries/experiments';
import { ApiError, type FieldError } from '@/lib/api/errors';
import { renderRunMessages } from '@/lib/runs/render-messages';
import type { VariantSource } from './resolve-variants';
import { variantValues } from './variant-values';

const SHOWN_ITEMS = 5;

/** "items 1, 4 and 9" (1-based, as a person counts rows), the first few of them. */
function itemList(numbers: number[]): string {
  const shown = numbers.slice(0, SHOWN_ITEMS);
  const more = numbers.length - shown.length;
  if (numbers.length === 1) return `item ${shown[0]}`;
  if (more > 0) return `items ${shown.join(', ')} and ${more} more`;
  return `items ${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/**
 * Every (item, variant) must render: the variables a variant requires (without a default) present in every item,
 * and every value of the declared type. Otherwise a 422 at `variants.N` naming the variables and the items.
 */
export function checkItemsRender(sources: VariantSource[], items: SnapshotItem[]): void {
  const fields: FieldError[] = [];
  for (const { variant, version } of sources) {
    const path = `variants.${variant.index}`;
    const required = version.variables.filter((def) => def.required && def.default === undefined).map((def) => def.name);
    const lacking = new Map<string, number[]>();
    items.forEach((item, index) => {
      for (const name of required) {
        const value = item.input[name];
        if (value !== undefined && value !== null) continue;
        const numbers = lacking.get(name);
        if (numbers) numbers.push(index + 1);
        else lacking.set(name, [index + 1]);
      }
    });
    if (lacking.size > 0) {
      const parts = [...lacking].map(([name, numbers]) => `${itemList(numbers)} lack \`${name}\``);
      fields.push({ path, message: `${variant.label}: ${parts.join('; ')}` });
      continue;
    }
    for (const [index, item] of items.entries()) {
      try {
        renderRunMessages(version, variantValues(version, item.input));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        fields.push({ path, message: `${variant.label}: item ${index + 1}: ${error.message}` });
        break;
      }
    }
  }
  const [first] = fields;
  if (first) throw new ApiError('INVALID_INPUT', `\`${first.path}\`: ${first.message}`, { fields });
}
