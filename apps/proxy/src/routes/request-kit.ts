import type { IncomingMessage, ServerResponse } from 'node:http';
import { SWITCHYARD_HEADERS, type Bucket, type ProxyApiKey } from '@switchyard/contracts';
import { resolveBucket, type BucketResolution } from '@switchyard/routing';
import { authenticate } from '../auth/authenticate';
import { errors, ProxyError } from '../http/openai-error';
import type { CompiledPolicy } from '../policy/compiled-policy';
import type { ProxyServices } from '../services';
import { ClientWatch } from '../upstream/abort-handle';
import { buildUsageEvent, type RequestRecord } from '../usage/usage-event';

/** The first checks every /v1 POST makes: a policy is loaded, the key is known, its team is not blocked. */
export function admit(req: IncomingMessage, svc: ProxyServices): { live: CompiledPolicy; key: ProxyApiKey } {
  const live = svc.policies.current;
  if (!live) throw errors.notReady();
  const key = authenticate(req, svc.keys);
  const blocked = svc.limits.reasonFor(key.team);
  if (blocked !== undefined) throw errors.blocked(key.team, blocked);
  return { live, key };
}

/** Bucket resolution for a request, or a 404 naming what was not found. */
export function resolveOrThrow(req: IncomingMessage, live: CompiledPolicy, key: ProxyApiKey, model: string, user: string | null): Exclude<BucketResolution, { kind: 'unknown' }> {
  const header = req.headers[SWITCHYARD_HEADERS.requestBucket];
  const r = resolveBucket(
    {
      headerBucket: Array.isArray(header) ? header[0] : header,
      model,
      keyDefaultBucket: key.defaultBucket,
      team: key.team,
      headers: req.headers,
      user,
    },
    live.snapshot.policy,
    live.catalogIds,
  );
  if (r.kind === 'unknown') {
    throw r.param === 'model' ? errors.notFound(r.reason, 'model', 'model_not_found') : errors.notFound(r.reason, null, 'bucket_not_found');
  }
  return r;
}

/** Response headers known before the upstream answers. */
export function routingHeaders(live: CompiledPolicy, bucket: Bucket): Record<string, string> {
  return { [SWITCHYARD_HEADERS.bucket]: bucket.name, [SWITCHYARD_HEADERS.policyVersion]: live.versionHeader };
}

/** Records a finished request: usage event to the shipper, and the metrics derived from it. */
export function finishRequest(svc: ProxyServices, record: RequestRecord): void {
  const event = buildUsageEvent(record, svc.config.proxyId);
  svc.metrics.record(event);
  svc.usage.push(event);
}

/** Ends a request that failed before routing (no usage event: nothing was routed or billed). */
export function failEarly(svc: ProxyServices, res: ServerResponse, err: unknown, extra?: Record<string, string>): void {
  const e = err instanceof ProxyError ? err : new ProxyError(500, 'The proxy failed to handle the request.', 'server_error');
  if (!(err instanceof ProxyError)) svc.log.error('unhandled error in a request', { error: (err as Error)?.stack ?? String(err) });
  svc.metrics.recordRejected(e.status);
  if (res.headersSent) res.destroy();
  else {
    const body = JSON.stringify(e.body());
    res.writeHead(e.status, { ...extra, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }
}

/** A handle aborted when the client goes away before the response finished. */
export function clientGoneHandle(res: ServerResponse): ClientWatch {
  const handle = new ClientWatch();
  res.once('close', () => {
    if (!res.writableFinished) handle.abort();
  });
  return handle;
}
