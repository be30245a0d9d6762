import type { Request, Response } from 'express';
import type { KeySetCache } from './key-set.cache';
import type { TeamLimitsCache } from './team-limits.cache';
import type { LivePolicy, LivePolicyCache } from './live-policy.cache';
import type { ProxyConnections } from './proxy-connections';

export const SSE_PING_MS = 15_000;
/** A subscriber this far behind is cut off; it reconnects and gets the latest version at once. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * `GET /proxy/policy/stream`: the current policy, key set and blocked teams on
 * connect, then every newer one, each as one flushed SSE frame, and a `: ping` comment every 15 s so
 * proxies (and any gateway in between) know the stream is alive.
 */
export function openPolicyStream(
  req: Request,
  res: Response,
  deps: {
    policy: LivePolicyCache;
    keys: KeySetCache;
    limits: TeamLimitsCache;
    connections: ProxyConnections;
    /** The policy this proxy should run given the latest one (staged rollouts decide; may be older). */
    resolve: (live: LivePolicy | null) => Promise<LivePolicy | null>;
    onAssignmentChange: (listener: () => void) => () => void;
  },
  pingMs = SSE_PING_MS,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    // no-transform: proxies and compression middleware must pass each frame through as is.
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  req.socket.setNoDelay(true);
  req.socket.setTimeout(0);
  res.flushHeaders();

  let sentVersion = 0;
  let sentRevision: string | null = null;
  let closed = false;
  const write = (frame: Buffer | string) => {
    if (closed) return;
    if (res.writableLength > MAX_BUFFERED_BYTES) return close();
    res.write(frame);
  };
  // Resolutions run one after another so frames go out in the order changes arrived.
  let sending: Promise<void> = Promise.resolve();
  const sendPolicy = () => {
    sending = sending
      .then(() => deps.resolve(deps.policy.current))
      .then((live) => {
        if (!live || live.version === sentVersion) return;
        sentVersion = live.version;
        write(live.sseFrame);
      })
      .catch(() => undefined);
  };
  const sendKeys = () => {
    const live = deps.keys.current;
    if (!live || live.revision === sentRevision) return;
    sentRevision = live.revision;
    write(live.sseFrame);
  };
  let sentLimits: string | null = null;
  const sendLimits = () => {
    const live = deps.limits.current;
    if (!live || live.revision === sentLimits) return;
    sentLimits = live.revision;
    write(live.sseFrame);
  };

  const offPolicy = deps.policy.onChange(sendPolicy);
  const offAssignment = deps.onAssignmentChange(sendPolicy);
  const offKeys = deps.keys.onChange(sendKeys);
  const offLimits = deps.limits.onChange(sendLimits);
  const ping = setInterval(() => write(': ping\n\n'), pingMs);
  ping.unref();
  const untrack = deps.connections.track(() => close());
  function close() {
    if (closed) return;
    closed = true;
    offPolicy();
    offAssignment();
    offKeys();
    offLimits();
    clearInterval(ping);
    untrack();
    res.end();
  }
  res.on('close', close);

  sendPolicy();
  sendKeys();
  sendLimits();
}
