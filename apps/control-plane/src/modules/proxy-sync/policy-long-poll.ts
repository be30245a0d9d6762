import type { Response } from 'express';
import type { LivePolicy, LivePolicyCache } from './live-policy.cache';
import type { ProxyConnections } from './proxy-connections';

/**
 * Resolves with the first policy `resolve` yields that `isNew` accepts — re-checked on
 * every newer version and every rollout change this replica learns of (staged rollouts:
 * the version a proxy should run can change without a new version, and may be an older
 * one) — or with null when `timeoutMs` passes, the client goes away or the server shuts down.
 */
export function waitForNewerPolicy(
  isNew: (p: LivePolicy) => boolean,
  timeoutMs: number,
  res: Response,
  deps: {
    policy: LivePolicyCache;
    connections: ProxyConnections;
    /** The policy this proxy should run now (rollouts decide). */
    resolve: () => Promise<LivePolicy | null>;
    onAssignmentChange: (listener: () => void) => () => void;
  },
): Promise<LivePolicy | null> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: LivePolicy | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      off();
      offAssignment();
      untrack();
      res.off('close', onClose);
      resolve(value);
    };
    const onClose = () => finish(null);
    const check = () =>
      void deps.resolve().then(
        (p) => p && isNew(p) && finish(p),
        () => undefined,
      );
    const off = deps.policy.onChange(check);
    const offAssignment = deps.onAssignmentChange(check);
    const untrack = deps.connections.track(() => finish(null));
    const timer = setTimeout(() => finish(null), timeoutMs);
    res.on('close', onClose);
    // A version may have arrived between the caller's check and the subscription.
    check();
  });
}
