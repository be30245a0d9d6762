import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProxyServices } from '../services';

/** `GET /metrics`: Prometheus text format. */
export async function handleMetrics(_req: IncomingMessage, res: ServerResponse, svc: ProxyServices): Promise<void> {
  svc.metrics.policyVersion.set(svc.policies.current?.version ?? 0);
  svc.metrics.spooledEvents.set(svc.usage.spooled);
  const text = await svc.metrics.registry.metrics();
  res.writeHead(200, { 'content-type': svc.metrics.registry.contentType, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}
