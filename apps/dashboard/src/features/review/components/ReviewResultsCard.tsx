import type { ReviewResultRow, ReviewResultsQuery } from '@switchyard/contracts';
import { useState } from 'react';
import { Badge } from '../../../components/ui/Badge';
import { Card } from '../../../components/ui/Card';
import { ModelName } from '../../../components/ui/ModelName';
import { SegmentedControl } from '../../../components/ui/SegmentedControl';
import { QueryView } from '../../../components/ui/states';
import { addDays, todayUtc } from '../../../lib/dates';
import { useReviewResults } from '../hooks/use-review';
import { percent, perRequestUsd, preferenceText, VERDICT_TONE } from '../lib/format-review';
import '../review.css';

type Range = 'all' | '90' | '30';
const RANGES = [
  { value: 'all', label: 'All time' },
  { value: '90', label: '90 days' },
  { value: '30', label: '30 days' },
] as const;

function queryFor(range: Range): ReviewResultsQuery {
  if (range === 'all') return {};
  const today = todayUtc();
  return { from: addDays(today, -(Number(range) - 1)), to: today };
}

/**
 * The trade-off on one screen: per bucket and model pair, how reviewers judged the
 * candidate against the baseline (with a 95% Wilson interval and their agreement),
 * the plain verdict, and what the candidate costs per request next to the baseline.
 */
export function ReviewResultsCard() {
  const [range, setRange] = useState<Range>('all');
  const results = useReviewResults(queryFor(range));
  return (
    <Card
      flush
      title="Quality vs cost"
      description="Candidate preferred among non-tie judgements, 95% Wilson interval; agreement is Fleiss' kappa on pairs judged by two or more reviewers."
      actions={<SegmentedControl label="Period" options={RANGES} value={range} onChange={setRange} />}
    >
      <QueryView query={results} isEmpty={(d) => d.rows.length === 0} empty="No review pairs yet: enable shadow sampling on a bucket, or import pairs.">
        {(data) => <ResultsTable rows={data.rows} minDecisive={data.minDecisive} />}
      </QueryView>
    </Card>
  );
}

function ResultsTable({ rows, minDecisive }: { rows: ReviewResultRow[]; minDecisive: number }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Review results">
        <thead>
          <tr>
            <th>Bucket</th>
            <th>Candidate</th>
            <th>Baseline</th>
            <th className="num">Wins / losses / ties</th>
            <th className="num">Candidate preferred</th>
            <th className="num">Agreement</th>
            <th>Verdict</th>
            <th className="num">Cost / request</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.bucket}|${r.candidateModel}|${r.baselineModel}`}>
              <td>{r.bucket}</td>
              <td className="name-cell"><ModelName id={r.candidateModel} /></td>
              <td className="name-cell"><ModelName id={r.baselineModel} /></td>
              <td className="num nowrap">
                {r.wins} / {r.losses} / {r.ties}
                <div className="review-ci">{r.pairs} pairs</div>
              </td>
              <td className="num nowrap">{preferenceText(r.preference)}</td>
              <td className="num nowrap">
                {r.agreement.pairs === 0 ? '—' : percent(r.agreement.percent)}
                {r.agreement.pairs > 0 && <div className="review-ci">κ {r.agreement.kappa === null ? '—' : r.agreement.kappa.toFixed(2)} · {r.agreement.pairs} pairs</div>}
              </td>
              <td>
                <Badge tone={VERDICT_TONE[r.verdict]} title={r.verdict === 'not enough judgements' ? `A verdict needs ${minDecisive} judgements that prefer one side.` : undefined}>
                  {r.verdict}
                </Badge>
              </td>
              <td className="num nowrap">
                <CostCell cost={r.cost} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CostCell({ cost }: { cost: ReviewResultRow['cost'] }) {
  if (cost.pricedPairs === 0) return <span className="faint">no catalog price</span>;
  const cheaper = cost.change !== null && cost.change < 0;
  return (
    <>
      {perRequestUsd(cost.candidatePerRequestUsd)} vs {perRequestUsd(cost.baselinePerRequestUsd)}
      <div className={cheaper ? 'good' : 'bad'}>
        {perRequestUsd(cost.differencePerRequestUsd, true)}
        {cost.change !== null && ` (${cost.change > 0 ? '+' : ''}${percent(cost.change)})`}
      </div>
      {cost.estimatedPairs > 0 && <div className="review-ci">{cost.estimatedPairs} of {cost.pricedPairs} estimated from text</div>}
    </>
  );
}
