import type { SpendResponse } from '@switchyard/contracts';
import { fromPicoUsd, toPicoUsd } from '@switchyard/pricing';

/** RFC 4180 field; text that a spreadsheet would run as a formula is prefixed with a quote. */
function textField(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A spend view as CSV: one row per period × group, money as exact decimal strings. */
export function spendCsv(r: SpendResponse): string {
  const header = [
    'period',
    r.query.groupBy,
    'requests',
    'errors',
    'prompt_tokens',
    'completion_tokens',
    'cached_tokens',
    'cache_hits',
    'cost_usd',
    'baseline_cost_usd',
    'savings_vs_baseline_usd',
    'cache_saved_usd',
  ];
  const lines = [header.join(',')];
  for (const p of r.series) {
    lines.push(
      [
        p.period,
        textField(p.group),
        p.requests,
        p.errors,
        p.promptTokens,
        p.completionTokens,
        p.cachedTokens,
        p.cacheHits,
        p.costUsd,
        p.baselineCostUsd,
        fromPicoUsd(toPicoUsd(p.baselineCostUsd) - toPicoUsd(p.costUsd)),
        p.cacheSavedUsd,
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
