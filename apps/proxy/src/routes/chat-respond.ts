import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bucket, CacheOutcome, ProxyApiKey } from '@switchyard/contracts';
import type { TokenCounts } from '@switchyard/pricing';
import { writeCompletionAsSse } from '../cache/cache-replay';
import type { CacheContext, CacheLookup } from '../cache/response-cache';
import type { CompiledModel, CompiledPolicy } from '../policy/compiled-policy';
import type { ChatRequest } from '../providers/openai/chat-request';
import { completionText, promptText } from '../providers/openai/usage';
import type { ProxyServices } from '../services';
import type { ShadowOffer } from '../shadow/shadow-sampler';
import { relaySse } from '../streaming/sse-relay';
import type { AttemptSuccess } from '../upstream/attempt';
import type { DispatchResult } from '../upstream/dispatch';
import { failureError } from '../upstream/failure-error';
import { estimatePromptTokens, estimateTokens } from '../usage/token-estimator';
import { NO_TOKENS, priceTokens, ZERO_COST, type Cost } from '../usage/usage-event';
import { finishRequest } from './request-kit';

// Response header names are written as literal keys equal to SWITCHYARD_HEADERS (the
// integration tests read them through SWITCHYARD_HEADERS): object literals with computed
// keys take a slow path in V8 that showed in the profile.

/** One chat request in flight, after routing. */
export interface ChatCall {
  svc: ProxyServices;
  req: IncomingMessage;
  res: ServerResponse;
  live: CompiledPolicy;
  key: ProxyApiKey;
  chat: ChatRequest;
  bucket: Bucket;
  startedAt: number;
  startedAtMs: number;
}

type Success<S extends boolean> = Extract<AttemptSuccess, { stream: S }>;

/** The usage event (and metrics) of a finished chat request. */
function record(
  call: ChatCall,
  served: CompiledModel | null,
  tokens: TokenCounts,
  usageEstimated: boolean,
  cost: Cost,
  cache: CacheOutcome,
  cacheSavedUsd: string,
  ttftMs: number | null,
  status: number,
  errorType: string | null,
  attempts: number,
): void {
  finishRequest(call.svc, {
    endpoint: 'chat.completions',
    live: call.live,
    bucket: call.bucket.name,
    requestedModel: call.chat.model,
    served,
    key: call.key,
    stream: call.chat.stream,
    tokens,
    usageEstimated,
    cache,
    cacheSavedUsd,
    cost,
    startedAtMs: call.startedAtMs,
    totalMs: performance.now() - call.startedAt,
    ttftMs,
    status,
    errorType,
    attempts,
  });
}

function estimatedPrompt(chat: ChatRequest): number {
  const p = promptText(chat.body.messages);
  return estimatePromptTokens(p.text, p.messages);
}

/** Non-streaming success: the upstream's bytes as they came, with the cost header. */
export function answerJson(call: ChatCall, model: CompiledModel, answer: Success<false>, attempts: number, cache: CacheOutcome, cacheCtx: CacheContext): void {
  let tokens = answer.usage;
  const estimated = tokens === null;
  if (tokens === null) {
    tokens = { promptTokens: estimatedPrompt(call.chat), completionTokens: estimateTokens(completionText(answer.json)), cachedTokens: 0 };
  }
  const cost = priceTokens(call.live, model, tokens, call.startedAtMs);
  const requestId = answer.headers['x-request-id'];
  // Rare (the upstream's request id): set apart so the common header literal keeps one shape.
  if (typeof requestId === 'string') call.res.setHeader('x-request-id', requestId);
  call.res.writeHead(answer.status, {
    'content-type': (answer.headers['content-type'] as string | undefined) ?? 'application/json',
    'content-length': answer.payload.length,
    'x-switchyard-bucket': call.bucket.name,
    'x-switchyard-model': model.id,
    'x-switchyard-cache': cache,
    'x-switchyard-cost-usd': cost.costUsd,
    'x-switchyard-policy-version': call.live.versionHeader,
  });
  call.res.end(answer.payload);
  record(call, model, tokens, estimated, cost, cache, '0.00', null, answer.status, null, attempts);
  if (cache !== 'bypass') safeStore(call, cacheCtx, { kind: 'json', servedModel: model, payload: answer.payload, usage: tokens });
  if (call.bucket.shadow && answer.status < 300) offerShadow(call, model, tokens, { kind: 'json', payload: answer.payload }, undefined);
}

/**
 * Streaming success: headers go out with the first upstream chunk (so a fallback was
 * still possible until then), then every chunk as it arrives. The cost is known only
 * at the end: it is sent as an SSE comment `: x-switchyard-cost-usd: <usd>` just
 * before `data: [DONE]`, as an HTTP trailer of the same name, and in the usage event.
 */
export async function answerStream(call: ChatCall, model: CompiledModel, answer: Success<true>, attempts: number, cache: CacheOutcome, storeCtx: CacheContext | null): Promise<void> {
  const { res, chat } = call;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-switchyard-bucket': call.bucket.name,
    'x-switchyard-model': model.id,
    'x-switchyard-cache': cache,
    'x-switchyard-policy-version': call.live.versionHeader,
    trailer: 'x-switchyard-cost-usd',
  });
  const ttftMs = performance.now() - call.startedAt;
  let settled: { tokens: TokenCounts; estimated: boolean; cost: Cost } | null = null;
  const settle = (usage: TokenCounts | null, estimatedCompletion: number) => {
    if (settled) return settled;
    const tokens = usage ?? { promptTokens: estimatedPrompt(chat), completionTokens: estimatedCompletion, cachedTokens: 0 };
    settled = { tokens, estimated: usage === null, cost: priceTokens(call.live, model, tokens, call.startedAtMs) };
    return settled;
  };
  // A shadow sample is drawn before relaying, so the streamed bytes are kept only when they will be compared.
  const shadowId = call.bucket.shadow ? call.svc.shadow.draw(call.bucket) : null;
  const collect: Buffer[] | null = storeCtx || shadowId ? [] : null;
  const outcome = await relaySse(res, answer.first, answer.body, answer.abort, {
    dropUsageChunk: !chat.clientWantsStreamUsage,
    beforeDone: (usage, estimated) => `: x-switchyard-cost-usd: ${settle(usage, estimated).cost.costUsd}\n\n`,
    collect,
  });
  // Settled at [DONE]; a stream without one (cut, or the client left) is billed for what it generated.
  const final = settle(outcome.usage, outcome.estimatedCompletion);
  let status = 200;
  let errorType: string | null = null;
  if (outcome.end === 'client-gone') {
    status = 499;
    errorType = 'client_disconnected';
  } else {
    if (outcome.end === 'upstream-error') {
      errorType = 'upstream_stream_interrupted';
      const err = { error: { message: `The upstream stream from ${model.id} broke off: ${outcome.error}`, type: 'upstream_error', param: null, code: 'upstream_stream_interrupted' } };
      res.write(`data: ${JSON.stringify(err)}\n\n`);
    }
    res.addTrailers({ 'x-switchyard-cost-usd': final.cost.costUsd });
    res.end();
  }
  record(call, model, final.tokens, final.estimated, final.cost, cache, '0.00', ttftMs, status, errorType, attempts);
  if (shadowId && collect && outcome.end === 'complete' && outcome.sawDone) offerShadow(call, model, final.tokens, { kind: 'sse', chunks: collect }, shadowId);
  if (storeCtx && collect && outcome.end === 'complete' && outcome.sawDone && !final.estimated) {
    safeStore(call, storeCtx, { kind: 'sse', servedModel: model, chunks: collect, usage: final.tokens });
  }
}

/** A non-retryable upstream answer as it came, every upstream failed, or the client left first. */
export function answerUpstreamError(call: ChatCall, result: Exclude<DispatchResult, { kind: 'success' }>, cache: CacheOutcome): void {
  const { res } = call;
  if (result.kind === 'client-gone') {
    // Nothing reached the client; the upstream may still bill the prompt: count it, flagged as estimated.
    const tokens = result.attempts > 0 ? { promptTokens: estimatedPrompt(call.chat), completionTokens: 0, cachedTokens: 0 } : NO_TOKENS;
    record(call, null, tokens, result.attempts > 0, ZERO_COST, cache, '0.00', null, 499, 'client_disconnected', result.attempts);
    return;
  }
  if (result.kind === 'client-error') {
    const f = result.failure;
    const payload = f.payload ?? Buffer.alloc(0);
    const status = f.status ?? 400;
    res.writeHead(status, {
      'content-type': f.contentType ?? 'application/json',
      'content-length': payload.length,
      'x-switchyard-bucket': call.bucket.name,
      'x-switchyard-model': result.model.id,
      'x-switchyard-cache': cache,
      'x-switchyard-policy-version': call.live.versionHeader,
    });
    res.end(payload);
    record(call, result.model, NO_TOKENS, false, ZERO_COST, cache, '0.00', null, status, `upstream_${status}`, result.attempts);
    return;
  }
  const err = failureError(result, call.bucket.name);
  const body = JSON.stringify(err.body());
  if (result.last?.status) res.setHeader('x-switchyard-upstream-status', String(result.last.status));
  res.writeHead(err.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-switchyard-bucket': call.bucket.name,
    'x-switchyard-cache': cache,
    'x-switchyard-policy-version': call.live.versionHeader,
  });
  res.end(body);
  record(call, null, NO_TOKENS, false, ZERO_COST, cache, '0.00', null, err.status, err.code, result.attempts);
}

/** A cache hit: replayed as JSON or SSE, costing nothing, its saving recorded. */
export function answerFromCache(call: ChatCall, hit: Extract<CacheLookup, { outcome: 'exact' | 'semantic' }>): void {
  const { res, chat } = call;
  const saved = priceTokens(call.live, hit.servedModel, hit.usage, call.startedAtMs);
  const headers = {
    'x-switchyard-bucket': call.bucket.name,
    'x-switchyard-model': hit.servedModel.id,
    'x-switchyard-cache': hit.outcome,
    'x-switchyard-cost-usd': '0.00',
    'x-switchyard-policy-version': call.live.versionHeader,
  };
  if (chat.stream) {
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    writeCompletionAsSse(res, hit.payload, chat.clientWantsStreamUsage);
    res.end();
  } else {
    res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': hit.payload.length });
    res.end(hit.payload);
  }
  const ttftMs = chat.stream ? performance.now() - call.startedAt : null;
  record(call, hit.servedModel, hit.usage, false, ZERO_COST, hit.outcome, saved.costUsd, ttftMs, 200, null, 0);
}

function safeStore(call: ChatCall, ctx: CacheContext, response: Parameters<ProxyServices['cache']['store']>[1]): void {
  try {
    call.svc.cache.store(ctx, response);
  } catch (err) {
    call.svc.log.warn('cache store failed', { error: (err as Error).message });
  }
}

/** Blind review (issue 9): hands a finished answer to the shadow sampler, which works only after the response is done. */
function offerShadow(call: ChatCall, served: CompiledModel, tokens: TokenCounts, answer: ShadowOffer['answer'], id: string | null | undefined): void {
  const offer: ShadowOffer = { res: call.res, live: call.live, bucket: call.bucket, key: call.key, body: call.chat.body, served, startedAtMs: call.startedAtMs, tokens, answer };
  call.svc.shadow.offer(offer, id);
}
