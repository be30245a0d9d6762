import type { ModelPrices, PricePoint } from '@switchyard/contracts';
import { fromPicoUsd, parseDecimal, type TokenCounts } from '@switchyard/pricing';

interface ParsedPoint {
  from: number;
  /** Picodollars per token (a price per million tokens with 6 decimals is exactly this integer). */
  input: bigint;
  output: bigint;
  cachedInput: bigint;
  /** The same as numbers, for the exact integer fast path. */
  inputN: number;
  outputN: number;
  cachedInputN: number;
  prices: ModelPrices;
}

const PICO_PER_USD = 1_000_000_000_000;

/**
 * A model's effective-dated prices parsed once per policy version, so pricing a
 * request is three bigint multiplications instead of re-parsing decimal strings.
 * Same rules and same exact result as libs/pricing's `costUsd(tokens, priceAt(points, t))`
 * (a unit test holds them equal): the point in force is the latest one that started at
 * or before t, the earliest before any started; cached prompt tokens are billed at the
 * cached-input price, never more of them than the prompt has.
 */
export class PriceTable {
  private readonly points: ParsedPoint[];
  private cached: { from: number; until: number; point: ParsedPoint } | null = null;

  constructor(points: readonly PricePoint[]) {
    if (points.length === 0) throw new Error('a model needs at least one price');
    this.points = points
      .map((p) => {
        const input = parseDecimal(p.input, 6);
        const output = parseDecimal(p.output, 6);
        const cachedInput = parseDecimal(p.cachedInput, 6);
        return {
          from: Date.parse(p.effectiveFrom),
          input,
          output,
          cachedInput,
          inputN: Number(input),
          outputN: Number(output),
          cachedInputN: Number(cachedInput),
          prices: { input: p.input, output: p.output, cachedInput: p.cachedInput },
        };
      })
      .sort((a, b) => a.from - b.from)
      // Two points starting at the same instant: the first listed wins, as in priceAt.
      .filter((p, i, all) => i === 0 || p.from !== all[i - 1].from);
  }

  /** The point in force at `atMs`, remembered with the window it covers. */
  private pointAt(atMs: number): ParsedPoint {
    const c = this.cached;
    if (c && atMs >= c.from && atMs < c.until) return c.point;
    let i = 0;
    while (i + 1 < this.points.length && this.points[i + 1].from <= atMs) i++;
    const point = this.points[i];
    const from = i === 0 ? -Infinity : point.from;
    const until = i + 1 < this.points.length ? this.points[i + 1].from : Infinity;
    this.cached = { from, until, point };
    return point;
  }

  pricesAt(atMs: number): ModelPrices {
    return this.pointAt(atMs).prices;
  }

  costPico(tokens: TokenCounts, atMs: number): bigint {
    const p = this.pointAt(atMs);
    const cached = Math.min(tokens.cachedTokens, tokens.promptTokens);
    return BigInt(tokens.promptTokens - cached) * p.input + BigInt(cached) * p.cachedInput + BigInt(tokens.completionTokens) * p.output;
  }

  /**
   * Exact cost as a USD decimal string. Integer picodollars are computed with plain
   * numbers while every product and the sum stay below 2^53 (exact there — any real
   * request), and with bigints otherwise.
   */
  costUsd(tokens: TokenCounts, atMs: number): string {
    const p = this.pointAt(atMs);
    const cached = Math.min(tokens.cachedTokens, tokens.promptTokens);
    const a = (tokens.promptTokens - cached) * p.inputN;
    const b = cached * p.cachedInputN;
    const c = tokens.completionTokens * p.outputN;
    const total = a + b + c;
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(c) || !Number.isSafeInteger(total)) {
      return fromPicoUsd(this.costPico(tokens, atMs));
    }
    const whole = Math.floor(total / PICO_PER_USD);
    let frac = String(total - whole * PICO_PER_USD).padStart(12, '0');
    let end = 12;
    while (end > 2 && frac.charCodeAt(end - 1) === 48) end--;
    frac = frac.slice(0, end);
    return `${whole}.${frac}`;
  }
}
