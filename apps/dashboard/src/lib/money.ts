/**
 * Money arrives from the API as exact decimal strings. These helpers format those
 * strings digit by digit (bigint), so what is shown is exactly what the API computed:
 * no value passes through a binary float on its way to the screen.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

interface Parsed {
  negative: boolean;
  whole: string;
  frac: string;
}

function parse(value: string): Parsed | null {
  const m = DECIMAL.exec(value.trim());
  if (!m) return null;
  return { negative: m[1] === '-', whole: m[2], frac: m[3] ?? '' };
}

/** The absolute value scaled to `decimals` places, rounded half up. */
function scaled(p: Parsed, decimals: number): bigint {
  const kept = BigInt(p.whole + p.frac.slice(0, decimals).padEnd(decimals, '0'));
  const next = p.frac.charAt(decimals);
  return next !== '' && next >= '5' ? kept + 1n : kept;
}

function groupThousands(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function render(abs: bigint, decimals: number): string {
  const digits = abs.toString().padStart(decimals + 1, '0');
  const whole = groupThousands(digits.slice(0, digits.length - decimals));
  return decimals > 0 ? `${whole}.${digits.slice(digits.length - decimals)}` : whole;
}

export interface UsdFormat {
  /** Decimal places shown (default 2). */
  decimals?: number;
  /** Prefix positive values with "+" (for deltas). */
  signed?: boolean;
}

/** "1234.5" → "$1,234.50"; "-0.004" → "-$0.00" is avoided: tiny non-zero amounts read "<$0.01". */
export function formatUsd(value: string | null | undefined, options: UsdFormat = {}): string {
  if (value === null || value === undefined) return '—';
  const p = parse(value);
  if (!p) return value;
  const decimals = options.decimals ?? 2;
  const abs = scaled(p, decimals);
  const isZero = /^0*$/.test(p.whole + p.frac);
  if (abs === 0n && !isZero) {
    const smallest = `$0.${'0'.repeat(Math.max(decimals - 1, 0))}1`;
    return `${p.negative ? '>-' : '<'}${smallest}`;
  }
  const sign = abs === 0n ? '' : p.negative ? '-' : options.signed ? '+' : '';
  return `${sign}$${render(abs, decimals)}`;
}

/** A price in USD per million tokens: at least 2 decimals, up to 6, never rounded. */
export function formatPrice(value: string): string {
  const p = parse(value);
  if (!p) return value;
  const frac = p.frac.replace(/0+$/, '').padEnd(2, '0');
  return `${p.negative ? '-' : ''}$${groupThousands(p.whole.replace(/^0+(?=\d)/, ''))}.${frac}`;
}

/** A ratio string ("0.4523") as a percentage ("45.2%"); null reads "—". */
export function formatRatio(value: string | null | undefined, decimals = 1): string {
  if (value === null || value === undefined) return '—';
  const p = parse(value);
  if (!p) return value;
  // Multiplying by 100 moves the decimal point two places.
  const frac = p.frac.padEnd(2, '0');
  return formatPercent(`${p.negative ? '-' : ''}${p.whole}${frac.slice(0, 2)}.${frac.slice(2) || '0'}`, decimals);
}

/** A percentage string ("83.256") → "83.3%". */
export function formatPercent(value: string | null | undefined, decimals = 1): string {
  if (value === null || value === undefined) return '—';
  const p = parse(value);
  if (!p) return value;
  const abs = scaled(p, decimals);
  return `${abs !== 0n && p.negative ? '-' : ''}${render(abs, decimals)}%`;
}

/** Exact sum of decimal strings (for a chart's "other" series or a tooltip's day total). */
export function sumDecimal(values: Iterable<string>): string {
  let scale = 0;
  const parts: Parsed[] = [];
  for (const v of values) {
    const p = parse(v);
    if (!p) throw new Error(`not a decimal amount: "${v}"`);
    parts.push(p);
    scale = Math.max(scale, p.frac.length);
  }
  let total = 0n;
  for (const p of parts) {
    const n = BigInt(p.whole + p.frac.padEnd(scale, '0'));
    total += p.negative ? -n : n;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** Sign of a decimal string: -1, 0 or 1. */
export function signOf(value: string): -1 | 0 | 1 {
  const p = parse(value);
  if (!p || /^0*$/.test(p.whole + p.frac)) return 0;
  return p.negative ? -1 : 1;
}

/** For plotting only (chart geometry needs numbers); never for sums or shown amounts. */
export function plotNumber(value: string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

/**
 * Axis tick labels: "$1.2k", "$35", "$9", "$0.50", "$0.025", "$0.00005" (whole dollars
 * print without cents). Below $10 a tick keeps the decimals it has (at least 2, at most
 * 10): the sub-cent spend of a first day is an axis of $0.00005 steps, not of "$0.00".
 */
export function formatUsdTick(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `$${(value / 1_000_000).toFixed(1)}M`;
  if (abs >= 1_000) return `$${(value / 1_000).toFixed(1)}k`;
  if (abs >= 10 || Number.isInteger(value)) return `$${value.toFixed(0)}`;
  const [whole, frac = ''] = abs.toFixed(10).replace(/0+$/, '').split('.');
  return `${value < 0 ? '-' : ''}$${whole}.${frac.padEnd(2, '0')}`;
}
