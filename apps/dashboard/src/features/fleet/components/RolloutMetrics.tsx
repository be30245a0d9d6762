import type { CohortMetrics, RolloutDetail } from '@switchyard/contracts';
import { formatUsd } from '../../../lib/money';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const ms = (v: number | null) => (v === null ? '—' : `${Math.round(v)} ms`);
const count = new Intl.NumberFormat('en-US');

/** Canary against baseline on the three figures that can abort it, each with its threshold. */
export function RolloutMetrics({ rollout }: { rollout: RolloutDetail }) {
  const { canary, baseline, thresholds: t } = rollout;
  const rows: Array<{ label: string; value: (c: CohortMetrics) => string; threshold: string }> = [
    { label: 'Requests', value: (c) => count.format(c.requests), threshold: `≥ ${count.format(t.minRequests)} each for a verdict` },
    { label: 'Error rate', value: (c) => pct(c.errorRate), threshold: `aborts above baseline + ${(t.maxErrorRateDelta * 100).toFixed(1)} pts` },
    { label: 'p95 latency', value: (c) => ms(c.p95LatencyMs), threshold: `aborts above ${t.maxP95LatencyRatio}× baseline` },
    { label: 'Cost per request', value: (c) => formatUsd(c.costPerRequestUsd, { decimals: 6 }), threshold: `aborts above ${t.maxCostPerRequestRatio}× baseline` },
  ];
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Canary against baseline">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="num">Canary v{canary.version}</th>
            <th scope="col" className="num">Baseline v{baseline.version}</th>
            <th scope="col">Threshold</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.value(canary)}</td>
              <td className="num">{r.value(baseline)}</td>
              <td className="muted">{r.threshold}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The verdict in words: not enough data yet, within thresholds, or which threshold it is past. */
export function RolloutVerdictNote({ rollout }: { rollout: RolloutDetail }) {
  const { verdict } = rollout;
  if (verdict.breaches.length > 0) {
    return (
      <div className="notice notice-danger" role="alert">
        Past its thresholds{rollout.autoAbort ? ' — the control plane aborts it automatically' : ''}:
        <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
          {verdict.breaches.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      </div>
    );
  }
  if (!verdict.enoughData) return <p className="notice">Verdict: waiting for {rollout.thresholds.minRequests} requests in each cohort.</p>;
  return <p className="notice">Verdict: the canary is within every threshold.</p>;
}
