/**
 * How an upstream attempt ended, as far as fallback is concerned. The proxy moves to
 * the next model on throttling (429), server errors (5xx), connection failures and
 * timeouts; any other 4xx is the client's problem and goes back to it unchanged,
 * because another model would reject the same request the same way.
 */
export type UpstreamFailure =
  | { kind: 'status'; status: number }
  | { kind: 'connection' }
  | { kind: 'timeout' };

export type FailureAction = 'next-fallback' | 'return-to-client';

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

export function classifyFailure(failure: UpstreamFailure): FailureAction {
  if (failure.kind !== 'status') return 'next-fallback';
  return isRetryableStatus(failure.status) ? 'next-fallback' : 'return-to-client';
}
