import type { SpendTotals as Totals } from '@switchyard/contracts';
import { Stat } from '../../../components/ui/Stat';
import { formatRatio, formatUsd, signOf } from '../../../lib/money';

const count = new Intl.NumberFormat('en-US');

/** Totals for the range, straight from the API (never added up in the browser). */
export function SpendTotals({ totals, days }: { totals: Totals; days: number }) {
  const saving = signOf(totals.savingsVsBaselineUsd);
  return (
    <div className="stack-sm">
      <div className="grid-4">
        <div className="card">
          <Stat label={`Spend, ${days} days`} value={formatUsd(totals.costUsd)} sub={`Baseline would have cost ${formatUsd(totals.baselineCostUsd)}`} />
        </div>
        <div className="card">
          <Stat
            label="Saved by routing"
            value={formatUsd(totals.savingsVsBaselineUsd)}
            tone={saving > 0 ? 'good' : saving < 0 ? 'bad' : undefined}
            sub={totals.savingsVsBaselinePct === null ? 'No baseline cost in this range' : `${formatRatio(totals.savingsVsBaselinePct)} below the baseline model`}
          />
        </div>
        <div className="card">
          <Stat label="Saved by cache" value={formatUsd(totals.cacheSavedUsd)} tone={signOf(totals.cacheSavedUsd) > 0 ? 'good' : undefined} sub={`Hit rate ${formatRatio(totals.cacheHitRate)}`} />
        </div>
        <div className="card">
          <Stat
            label="Requests"
            value={count.format(totals.requests)}
            sub={`${count.format(totals.errors)} errors · ${count.format(totals.promptTokens + totals.completionTokens)} tokens`}
          />
        </div>
      </div>
      {totals.unpricedRequests > 0 && (
        <div className="notice notice-warn" role="status">
          {count.format(totals.unpricedRequests)} requests used tokens but cost $0: a model price is missing from the catalog. Add it on the Catalog page.
        </div>
      )}
    </div>
  );
}
