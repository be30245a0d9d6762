import type { IncomingMessage, ServerResponse } from 'node:http';
import { SWITCHYARD_HEADERS, type Bucket, type ProxyApiKey } from '@switchyard/contracts';
import { errors } from '../http/openai-error';
import { readBody } from '../http/read-body';
import type { CompiledModel, CompiledPolicy } from '../policy/compiled-policy';
import { parseEmbeddingsRequest, toUpstreamEmbeddings, type EmbeddingsRequest } from '../providers/openai/embeddings-request';
import type { ProxyServices } from '../services';
import { dispatch } from '../upstream/dispatch';
import { failureError } from '../upstream/failure-error';
import { estimateTokens } from '../usage/token-estimator';
import { NO_TOKENS, priceTokens, ZERO_COST } from '../usage/usage-event';
import { admit, clientGoneHandle, failEarly, finishRequest, resolveOrThrow, routingHeaders } from './request-kit';

/**
 * `POST /v1/embeddings`. The model is a catalog embeddings model named by the policy
 * (e.g. `openai/text-embedding-3-small`), or — with no model or a generic alias — the
 * policy's `embeddingModel`. The bucket (for accounting and limits) resolves as for
 * chat. Embeddings have no fallbacks: another model would give incompatible vectors.
 */
export async function handleEmbeddings(req: IncomingMessage, res: ServerResponse, svc: ProxyServices): Promise<void> {
  const startedAt = performance.now();
  const startedAtMs = Date.now();
  let live: CompiledPolicy;
  let key: ProxyApiKey;
  let body: EmbeddingsRequest;
  let bucket: Bucket;
  let model: CompiledModel;
  let headers: Record<string, string> | undefined;
  try {
    ({ live, key } = admit(req, svc));
    body = parseEmbeddingsRequest(await readBody(req, svc.config.maxBodyBytes));
    const r = resolveOrThrow(req, live, key, body.model, typeof body.body.user === 'string' ? body.body.user : null);
    bucket = r.bucket;
    headers = routingHeaders(live, bucket);
    const id = r.kind === 'model' ? r.modelId : live.snapshot.policy.embeddingModel;
    if (id === null) {
      throw errors.notFound("No embeddings model was named and the policy has none: name a catalog embeddings model in 'model'.", 'model', 'model_not_found');
    }
    const m = live.models.get(id);
    if (!m) throw errors.notFound(`The model '${id}' does not exist or you do not have access to it.`, 'model', 'model_not_found');
    if (m.kind !== 'embedding') throw errors.badRequest(`The model '${id}' is a chat model; use /v1/chat/completions.`, 'model', 'model_not_supported');
    model = m;
  } catch (err) {
    failEarly(svc, res, err, headers);
    return;
  }

  const result = await dispatch(svc.dispatchDeps, {
    live,
    bucket,
    first: model.id,
    withFallbacks: false,
    stream: false,
    bodyFor: (m) => toUpstreamEmbeddings(body, m.upstreamModel),
    client: clientGoneHandle(res),
    startedAt,
  });
  const base = { endpoint: 'embeddings' as const, live, bucket: bucket.name, requestedModel: body.model, key, stream: false, startedAtMs, cache: 'miss' as const, cacheSavedUsd: '0.00', ttftMs: null };
  const totalMs = () => performance.now() - startedAt;

  if (result.kind === 'success' && !result.answer.stream) {
    const answer = result.answer;
    let tokens = answer.usage;
    const estimated = tokens === null;
    if (tokens === null) tokens = { ...NO_TOKENS, promptTokens: estimateTokens(JSON.stringify(body.input)) };
    const cost = priceTokens(live, model, tokens, startedAtMs);
    res.writeHead(answer.status, {
      ...headers,
      [SWITCHYARD_HEADERS.model]: model.id,
      [SWITCHYARD_HEADERS.cache]: 'miss',
      [SWITCHYARD_HEADERS.costUsd]: cost.costUsd,
      'content-type': String(answer.headers['content-type'] ?? 'application/json'),
      'content-length': String(answer.payload.length),
    });
    res.end(answer.payload);
    finishRequest(svc, { ...base, served: model, tokens, usageEstimated: estimated, cost, totalMs: totalMs(), status: answer.status, errorType: null, attempts: result.attempts });
    return;
  }
  if (result.kind === 'client-gone') {
    finishRequest(svc, { ...base, served: null, tokens: NO_TOKENS, usageEstimated: false, cost: ZERO_COST, totalMs: totalMs(), status: 499, errorType: 'client_disconnected', attempts: result.attempts });
    return;
  }
  if (result.kind === 'client-error') {
    const f = result.failure;
    const payload = f.payload ?? Buffer.from('');
    res.writeHead(f.status ?? 400, { ...headers, [SWITCHYARD_HEADERS.model]: model.id, 'content-type': f.contentType ?? 'application/json', 'content-length': String(payload.length) });
    res.end(payload);
    finishRequest(svc, { ...base, served: model, tokens: NO_TOKENS, usageEstimated: false, cost: ZERO_COST, totalMs: totalMs(), status: f.status ?? 400, errorType: `upstream_${f.status}`, attempts: result.attempts });
    return;
  }
  if (result.kind === 'failed') {
    const err = failureError(result, bucket.name);
    const text = JSON.stringify(err.body());
    const extra: Record<string, string> = result.last?.status ? { 'x-switchyard-upstream-status': String(result.last.status) } : {};
    res.writeHead(err.status, { ...headers, ...extra, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
    finishRequest(svc, { ...base, served: null, tokens: NO_TOKENS, usageEstimated: false, cost: ZERO_COST, totalMs: totalMs(), status: err.status, errorType: err.code, attempts: result.attempts });
  }
}
