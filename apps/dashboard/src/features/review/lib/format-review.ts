import type { ReviewResultRow, ReviewVerdict } from '@switchyard/contracts';
import type { Tone } from '../../../components/ui/Badge';
import { formatUsd } from '../../../lib/money';

/** 0.6111 → "61%". Shares and rates are plain numbers from the statistics, not money. */
export function percent(value: number | null, decimals = 0): string {
  return value === null ? '—' : `${(value * 100).toFixed(decimals)}%`;
}

/** "61% (39–80%)": the candidate's preference rate with its 95% interval. */
export function preferenceText(p: ReviewResultRow['preference']): string {
  if (p.rate === null || p.low === null || p.high === null) return '—';
  return `${percent(p.rate)} (${(p.low * 100).toFixed(0)}–${percent(p.high)})`;
}

/**
 * Per-request costs are fractions of a cent: shown with enough decimals for two
 * significant digits (exactly, from the decimal string), e.g. "$0.00082".
 */
export function perRequestUsd(value: string | null, signed = false): string {
  if (value === null) return '—';
  const m = /^-?(\d+)(?:\.(\d*))?$/.exec(value);
  if (!m) return value;
  let decimals = 2;
  if (m[1].replace(/^0+/, '') === '') {
    const firstSignificant = (m[2] ?? '').search(/[1-9]/);
    if (firstSignificant >= 0) decimals = Math.min(Math.max(2, firstSignificant + 2), 10);
  }
  return formatUsd(value, { decimals, signed });
}

export const VERDICT_TONE: Record<ReviewVerdict, Tone> = {
  'candidate better': 'success',
  'candidate worse': 'danger',
  'no detectable difference': 'primary',
  'not enough judgements': 'warn',
};
