import type { IncomingMessage, ServerResponse } from 'node:http';
import { SWITCHYARD_HEADERS, type Bucket, type ProxyApiKey } from '@switchyard/contracts';
import { pickTarget } from '@switchyard/routing';
import type { CacheContext, CacheLookup } from '../cache/response-cache';
import { errors } from '../http/openai-error';
import { readBody } from '../http/read-body';
import type { CompiledModel, CompiledPolicy } from '../policy/compiled-policy';
import { parseChatRequest, toUpstreamChat, type ChatRequest } from '../providers/openai/chat-request';
import type { ProxyServices } from '../services';
import { dispatch } from '../upstream/dispatch';
import { admit, clientGoneHandle, failEarly, resolveOrThrow, routingHeaders } from './request-kit';
import { answerFromCache, answerJson, answerStream, answerUpstreamError, type ChatCall } from './chat-respond';

/**
 * `POST /v1/chat/completions`: admit (policy, key, budget), parse, resolve the bucket,
 * pick the model, ask the cache, then try upstreams in order and answer as JSON or as
 * a relayed stream. Everything after parsing is accounted in one usage event.
 */
export async function handleChatCompletions(req: IncomingMessage, res: ServerResponse, svc: ProxyServices): Promise<void> {
  const startedAt = performance.now();
  const startedAtMs = Date.now();
  let live: CompiledPolicy;
  let key: ProxyApiKey;
  let chat: ChatRequest;
  let bucket: Bucket;
  let first: string;
  let withFallbacks: boolean;
  let headers: Record<string, string> | undefined;
  try {
    ({ live, key } = admit(req, svc));
    chat = parseChatRequest(await readBody(req, svc.config.maxBodyBytes));
    const r = resolveOrThrow(req, live, key, chat.model, chat.user);
    bucket = r.bucket;
    headers = routingHeaders(live, bucket);
    if (r.kind === 'model') {
      first = r.modelId;
      withFallbacks = false;
      if (live.models.get(first)?.kind !== 'chat') {
        throw errors.badRequest(`The model '${first}' is an embeddings model; use /v1/embeddings.`, 'model', 'model_not_supported');
      }
    } else {
      const affinity = req.headers[SWITCHYARD_HEADERS.affinity];
      const sticky = (Array.isArray(affinity) ? affinity[0] : affinity) || chat.user;
      first = pickTarget(bucket.targets, sticky).model;
      withFallbacks = true;
    }
  } catch (err) {
    failEarly(svc, res, err, headers);
    return;
  }

  const call: ChatCall = { svc, req, res, live, key, chat, bucket, startedAt, startedAtMs };
  const model = live.models.get(first)!;
  const cacheCtx: CacheContext = { live, bucket, model, key, body: chat.body, stream: chat.stream, headers: req.headers };
  let lookup: CacheLookup;
  try {
    lookup = await svc.cache.lookup(cacheCtx);
  } catch (err) {
    svc.log.warn('cache lookup failed; treated as a miss', { error: (err as Error).message });
    lookup = { outcome: 'miss', collectStream: false };
  }
  if (lookup.outcome === 'exact' || lookup.outcome === 'semantic') {
    answerFromCache(call, lookup);
    return;
  }
  const cacheOutcome = lookup.outcome;
  const storeStream = 'collectStream' in lookup && lookup.collectStream;

  const client = clientGoneHandle(res);
  const result = await dispatch(svc.dispatchDeps, {
    live,
    bucket,
    first,
    withFallbacks,
    stream: chat.stream,
    bodyFor: (m: CompiledModel) => toUpstreamChat(chat, m.upstreamModel),
    client,
    startedAt,
  });
  switch (result.kind) {
    case 'success':
      if (result.answer.stream) await answerStream(call, result.model, result.answer, result.attempts, cacheOutcome, storeStream ? cacheCtx : null);
      else answerJson(call, result.model, result.answer, result.attempts, cacheOutcome, cacheCtx);
      return;
    default:
      answerUpstreamError(call, result, cacheOutcome);
  }
}
