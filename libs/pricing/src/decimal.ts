import { USD_SCALE } from '@switchyard/contracts';

/**
 * Exact decimal arithmetic on bigint fixed-point values. Money is held as an integer
 * count of 1e-12 USD ("picodollars"): prices carry at most 6 decimals per million
 * tokens, so price × tokens is exact at that scale and nothing is ever rounded.
 */
const SCALE = BigInt(10) ** BigInt(USD_SCALE);

/** Parses a non-negative or negative decimal string with up to `scale` decimals into a scaled bigint. */
export function parseDecimal(value: string, scale: number): bigint {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new Error(`not a decimal number: "${value}"`);
  const [, sign, whole, frac = ''] = m;
  if (frac.length > scale) {
    if (/[^0]/.test(frac.slice(scale))) throw new Error(`"${value}" has more than ${scale} decimal places`);
  }
  const digits = BigInt(whole + frac.slice(0, scale).padEnd(scale, '0'));
  return sign ? -digits : digits;
}

/** Formats a scaled bigint as a decimal string, trimming trailing zeros but keeping at least `minDecimals`. */
export function formatDecimal(value: bigint, scale: number, minDecimals = 0): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const base = BigInt(10) ** BigInt(scale);
  const whole = abs / base;
  let frac = (abs % base).toString().padStart(scale, '0').replace(/0+$/, '');
  if (frac.length < minDecimals) frac = frac.padEnd(minDecimals, '0');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** USD decimal string → picodollars. */
export function toPicoUsd(usd: string): bigint {
  return parseDecimal(usd, USD_SCALE);
}

/** Picodollars → USD decimal string (at least 2 decimals, no trailing noise). */
export function fromPicoUsd(pico: bigint): string {
  return formatDecimal(pico, USD_SCALE, 2);
}

/** Exact sum of USD decimal strings. */
export function sumUsd(values: Iterable<string>): string {
  let total = 0n;
  for (const v of values) total += toPicoUsd(v);
  return fromPicoUsd(total);
}

export function addUsd(a: string, b: string): string {
  return fromPicoUsd(toPicoUsd(a) + toPicoUsd(b));
}

export function subtractUsd(a: string, b: string): string {
  return fromPicoUsd(toPicoUsd(a) - toPicoUsd(b));
}

export function compareUsd(a: string, b: string): -1 | 0 | 1 {
  const d = toPicoUsd(a) - toPicoUsd(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** a / b as a ratio with `decimals` decimal places, rounded half up (for percentages, never for money). */
export function ratio(a: string, b: string, decimals = 4): string | null {
  const den = toPicoUsd(b);
  if (den === 0n) return null;
  const base = BigInt(10) ** BigInt(decimals);
  const num = toPicoUsd(a) * base * 2n;
  const q = num / den;
  const rounded = q >= 0n ? (q + 1n) / 2n : (q - 1n) / 2n;
  return formatDecimal(rounded, decimals);
}

export { SCALE as PICO_PER_USD };
