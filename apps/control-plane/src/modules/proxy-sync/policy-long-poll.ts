import type { Response } from 'express';
import type { LivePolicy, LivePolicyCache } from './live-policy.cache';
import type { ProxyConnections } from './proxy-connections';

/**
 * Resolves with the first version newer than `after` this replica learns of, or with
 * null when `timeoutMs` passes, the client goes away or the server shuts down.
 */
export function waitForNewerPolicy(
  after: number,
  timeoutMs: number,
  res: Response,
  deps: { policy: LivePolicyCache; connections: ProxyConnections },
): Promise<LivePolicy | null> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: LivePolicy | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      off();
      untrack();
      res.off('close', onClose);
      resolve(value);
    };
    const onClose = () => finish(null);
    const off = deps.policy.onChange((live) => {
      if (live.version > after) finish(live);
    });
    const untrack = deps.connections.track(() => finish(null));
    const timer = setTimeout(() => finish(null), timeoutMs);
    res.on('close', onClose);
    // A version may have arrived between the caller's check and the subscription.
    const now = deps.policy.current;
    if (now && now.version > after) finish(now);
  });
}
