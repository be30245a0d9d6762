import type { CohortMetrics, Rollout, RolloutDetail } from '@switchyard/contracts';
import { stringFlag, UsageError, type ParsedArgs } from '../args';
import { connect, type CliIo } from './context';

/** `rollout list | status ID | promote ID | abort ID [--reason R]`. */
export async function rolloutCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const [, sub, id] = args.positionals;
  const conn = await connect(args, io);
  const needId = () => {
    if (!id) throw new UsageError(`rollout ${sub} needs a rollout id (see \`npx switchyard rollout list\`).`);
    return id;
  };
  switch (sub) {
    case 'list': {
      const all = await conn.rollouts.list();
      if (all.length === 0) io.out('No rollouts yet.');
      for (const r of all) io.out(summary(r));
      return 0;
    }
    case 'status':
      io.out(describeRollout(await conn.rollouts.get(needId())));
      return 0;
    case 'promote': {
      const r = await conn.rollouts.promote(needId(), { reason: stringFlag(args, 'reason') });
      io.out(`Promoted: every proxy now runs version ${r.version}.`);
      return 0;
    }
    case 'abort': {
      const r = await conn.rollouts.abort(needId(), { reason: stringFlag(args, 'reason') });
      io.out(`Aborted: version ${r.version} is withdrawn; every proxy runs the content of version ${r.baselineVersion} again (as version ${r.restoredVersion}).`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown rollout command "${sub ?? ''}": use list, status, promote or abort.`);
  }
}

function summary(r: Rollout): string {
  return `${r.id}  ${r.state.padEnd(10)} v${r.version} on ${r.canaryPercent}% (baseline v${r.baselineVersion})  started ${r.createdAt} by ${r.createdBy}${r.endReason ? `  — ${r.endReason}` : ''}`;
}

function cohort(label: string, m: CohortMetrics): string {
  const pct = m.errorRate === null ? '–' : `${(m.errorRate * 100).toFixed(2)}%`;
  const p95 = m.p95LatencyMs === null ? '–' : `${Math.round(m.p95LatencyMs)} ms`;
  return `  ${label.padEnd(9)} v${m.version}: ${m.requests} requests, errors ${pct}, p95 ${p95}, cost/request ${m.costPerRequestUsd ?? '–'} USD`;
}

/** A rollout's state, metrics, verdict and version skew, for a terminal. */
export function describeRollout(r: RolloutDetail): string {
  const lines = [summary(r), cohort('canary', r.canary), cohort('baseline', r.baseline)];
  if (!r.verdict.enoughData) lines.push(`  verdict: waiting for ${r.thresholds.minRequests} requests in each cohort`);
  else lines.push(`  verdict: ${r.verdict.breaches.length ? `past thresholds — ${r.verdict.breaches.join('; ')}` : 'within thresholds'}`);
  const skew = Object.entries(r.versions).map(([v, n]) => `v${v}: ${n}`).join(', ');
  lines.push(`  proxies: ${r.proxies.length} (${r.proxies.filter((p) => p.cohort === 'canary').length} canary) · running ${skew || 'nothing reported yet'}`);
  return lines.join('\n');
}
