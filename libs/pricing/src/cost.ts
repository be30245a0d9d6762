import type { ModelPrices, PricePoint } from '@switchyard/contracts';
import { fromPicoUsd, parseDecimal } from './decimal';

export interface TokenCounts {
  /** All prompt tokens, cached ones included (OpenAI's `prompt_tokens`). */
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens served from the provider's prompt cache (`prompt_tokens_details.cached_tokens`). */
  cachedTokens: number;
}

/** Price per million tokens → picodollars per token (exact: 6 decimals ÷ 1e6 = 12 decimals). */
function picoPerToken(pricePerMillion: string): bigint {
  return parseDecimal(pricePerMillion, 6);
}

/** Exact cost in picodollars. Cached tokens are billed at the cached-input price, the rest of the prompt at the input price. */
export function costPico(tokens: TokenCounts, price: ModelPrices): bigint {
  const cached = Math.min(tokens.cachedTokens, tokens.promptTokens);
  const uncached = tokens.promptTokens - cached;
  assertCount(tokens.promptTokens, 'promptTokens');
  assertCount(tokens.completionTokens, 'completionTokens');
  assertCount(tokens.cachedTokens, 'cachedTokens');
  return (
    BigInt(uncached) * picoPerToken(price.input) +
    BigInt(cached) * picoPerToken(price.cachedInput) +
    BigInt(tokens.completionTokens) * picoPerToken(price.output)
  );
}

/** Exact cost as a USD decimal string. */
export function costUsd(tokens: TokenCounts, price: ModelPrices): string {
  return fromPicoUsd(costPico(tokens, price));
}

/**
 * The price in force at `at` from effective-dated points (any order). Before the
 * first point, the first point applies — a model always has a price once it exists.
 */
export function priceAt(points: readonly PricePoint[], at: Date | string | number): ModelPrices {
  if (points.length === 0) throw new Error('a model needs at least one price');
  const t = new Date(at).getTime();
  let best: PricePoint | undefined;
  let earliest = points[0];
  for (const p of points) {
    const from = Date.parse(p.effectiveFrom);
    if (from < Date.parse(earliest.effectiveFrom)) earliest = p;
    if (from <= t && (!best || from > Date.parse(best.effectiveFrom))) best = p;
  }
  const chosen = best ?? earliest;
  return { input: chosen.input, output: chosen.output, cachedInput: chosen.cachedInput };
}

function assertCount(n: number, name: string) {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${n}`);
}
