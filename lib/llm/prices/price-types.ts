/** USD per million tokens of each token class. */
export type PriceRates = {
  inputPerMTok: number;
  outputPerMTok: number;
  /** Cache reads (cached input); absent means they are billed at the input price. */
  cachedInputPerMTok?: number;
  /**
   * Cache writes: Anthropic's 5-minute lifetime, or OpenAI's write price (GPT-5.6 on). Absent means written tokens
   * are billed at the input price (OpenAI before GPT-5.6 charges nothing extra for writing).
   */
  cacheWritePerMTok?: number;
  /** Anthropic's 1-hour cache writes; absent means they are billed at cacheWritePerMTok. */
  cacheWrite1hPerMTok?: number;
};

/** A prompt-length tier: the whole request is billed at these rates once its input is above the threshold. */
export type PriceTier = PriceRates & {
  /** Strictly above this many input tokens (all prompt tokens, cached and written ones included). */
  aboveInputTokens: number;
};

/** What the cost arithmetic needs: the built-in table's entries and a workspace's own prices both are one. */
export type ModelPrice = PriceRates & {
  provider: string;
  /** An exact id, which also matches its dated snapshots, or a prefix ending in `*`. */
  model: string;
  /** UTC day (table) or instant (workspace price) from which the price applies. */
  effectiveFrom: string;
  /** Ascending by threshold; the highest one the input is above applies. */
  tiers?: PriceTier[];
};

/** One entry of lib/llm/prices/price-table.json: a price with where it came from and the model's life dates. */
export type PriceEntry = ModelPrice & {
  /** The model's release day in the provider's API. */
  releasedOn?: string;
  /** The day the provider shuts the model down in its API. */
  retiresOn?: string;
  /** The provider's recommended replacement. */
  replacement?: string;
  /** The model spends hidden reasoning tokens (billed as output), which a tokenizer estimate cannot count. */
  reasoning?: boolean;
  /** The provider's page the figures come from. */
  source: string;
  /** The day the figures were checked against that page. */
  checkedOn: string;
  /** Conflicts between sources, inferences, the page copy's date. */
  note?: string;
};

export type TokenClass = 'input' | 'cachedInput' | 'cacheWrite' | 'cacheWrite1h' | 'output';

export type CostLine = { tokenClass: TokenClass; tokens: number; perMTok: number; usd: number };

/** How a run's cost was computed: stored on the run, so the run page can explain it after the table changes. */
export type CostBreakdown = {
  /** Every token class with tokens, in a fixed order; costUsd is their tokens × perMTok summed, then rounded. */
  lines: CostLine[];
  /** The prompt-length tier the request was billed at; null at the base rates. */
  tier: { aboveInputTokens: number } | null;
  /** The provider reported no usage: the tokens were counted with a tokenizer and the cost is an estimate. */
  estimated: boolean;
  /** Estimated usage of a reasoning model: its hidden reasoning tokens are not in the count, so the cost is low. */
  reasoningUncounted: boolean;
};
