import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProxyServices } from '../services';

/** `GET /healthz`: 200 once a policy is loaded (ready to route), 503 before. */
export function handleHealthz(_req: IncomingMessage, res: ServerResponse, svc: ProxyServices): void {
  const live = svc.policies.current;
  const body = JSON.stringify({
    status: live ? 'ok' : 'waiting_for_policy',
    proxyId: svc.config.proxyId,
    policyVersion: live?.version ?? null,
    keysRevision: svc.keys.revision,
    rejected: svc.policies.rejected,
    spooledEvents: svc.usage.spooled,
  });
  res.writeHead(live ? 200 : 503, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store' });
  res.end(body);
}
