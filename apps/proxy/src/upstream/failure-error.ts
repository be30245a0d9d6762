import { ProxyError } from '../http/openai-error';
import type { DispatchResult } from './dispatch';

/**
 * The client's error when no upstream answered: 504 when the last attempt (or the
 * bucket's total budget) ran out of time, else 502 — carrying the last upstream's
 * status and message so the cause is visible without the proxy's logs.
 */
export function failureError(r: Extract<DispatchResult, { kind: 'failed' }>, bucket: string): ProxyError {
  if (r.attempts === 0) {
    const wait = r.skippedUntilMs > 0 ? ` The next trial is in ${Math.ceil(r.skippedUntilMs / 1000)} s.` : '';
    return new ProxyError(
      502,
      `Every model of bucket '${bucket}' is paused by its circuit breaker after repeated upstream failures.${wait}`,
      'upstream_error',
      null,
      'circuit_open',
    );
  }
  const last = r.last;
  const what = last === null ? 'no answer' : last.status !== null ? `HTTP ${last.status}: ${last.message}` : last.message;
  const tried = `${r.attempts} upstream attempt${r.attempts === 1 ? '' : 's'}`;
  if (r.timedOut) {
    return new ProxyError(504, `Upstream timed out after ${tried} for bucket '${bucket}'; last (${r.lastModel}): ${what}`, 'upstream_error', null, 'upstream_timeout');
  }
  const code = last?.status ? `upstream_status_${last.status}` : 'upstream_connection_error';
  return new ProxyError(502, `All ${tried} failed for bucket '${bucket}'; last (${r.lastModel}): ${what}`, 'upstream_error', null, code);
}
