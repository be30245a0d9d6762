import type { IncomingMessage, ServerResponse } from 'node:http';
import { SWITCHYARD_HEADERS, type Bucket, type CacheOutcome, type ProxyApiKey } from '@switchyard/contracts';
import type { TokenCounts } from '@switchyard/pricing';
import { writeCompletionAsSse } from '../cache/cache-replay';
import type { CacheContext, CacheLookup } from '../cache/response-cache';
import type { CompiledModel, CompiledPolicy } from '../policy/compiled-policy';
import type { ChatRequest } from '../providers/openai/chat-request';
import { completionText, mapUsage, promptText } from '../providers/openai/usage';
import type { ProxyServices } from '../services';
import { relaySse } from '../streaming/sse-relay';
import type { AttemptSuccess } from '../upstream/attempt';
import type { DispatchResult } from '../upstream/dispatch';
import { failureError } from '../upstream/failure-error';
import { estimatePromptTokens, estimateTokens } from '../usage/token-estimator';
import { NO_TOKENS, priceTokens, ZERO_COST, type Cost } from '../usage/usage-event';
import { finishRequest } from './request-kit';

/** One chat request in flight, after routing. */
export interface ChatCall {
  svc: ProxyServices;
  req: IncomingMessage;
  res: ServerResponse;
  live: CompiledPolicy;
  key: ProxyApiKey;
  chat: ChatRequest;
  bucket: Bucket;
  headers: Record<string, string>;
  startedAt: number;
  startedAtMs: number;
}

type Success<S extends boolean> = Extract<AttemptSuccess, { stream: S }>;

function record(call: ChatCall, fields: {
  served: CompiledModel | null;
  tokens: TokenCounts;
  usageEstimated: boolean;
  cost: Cost;
  cache: CacheOutcome;
  cacheSavedUsd?: string;
  ttftMs: number | null;
  status: number;
  errorType: string | null;
  attempts: number;
}): void {
  finishRequest(call.svc, {
    endpoint: 'chat.completions',
    live: call.live,
    bucket: call.bucket.name,
    requestedModel: call.chat.model,
    key: call.key,
    stream: call.chat.stream,
    startedAtMs: call.startedAtMs,
    totalMs: performance.now() - call.startedAt,
    cacheSavedUsd: fields.cacheSavedUsd ?? '0.00',
    ...fields,
  });
}

function estimatedPrompt(chat: ChatRequest): number {
  const p = promptText(chat.body.messages);
  return estimatePromptTokens(p.text, p.messages);
}

/** Non-streaming success: the upstream's bytes as they came, with the cost header. */
export function answerJson(call: ChatCall, model: CompiledModel, answer: Success<false>, attempts: number, cache: CacheOutcome, cacheCtx: CacheContext): void {
  let tokens = mapUsage(answer.json.usage);
  const estimated = tokens === null;
  if (tokens === null) tokens = { promptTokens: estimatedPrompt(call.chat), completionTokens: estimateTokens(completionText(answer.json)), cachedTokens: 0 };
  const cost = priceTokens(call.live, model, tokens, call.startedAtMs);
  const headers: Record<string, string> = {
    ...call.headers,
    [SWITCHYARD_HEADERS.model]: model.id,
    [SWITCHYARD_HEADERS.cache]: cache,
    [SWITCHYARD_HEADERS.costUsd]: cost.costUsd,
    'content-type': String(answer.headers['content-type'] ?? 'application/json'),
    'content-length': String(answer.payload.length),
  };
  const requestId = answer.headers['x-request-id'];
  if (typeof requestId === 'string') headers['x-request-id'] = requestId;
  call.res.writeHead(answer.status, headers);
  call.res.end(answer.payload);
  record(call, { served: model, tokens, usageEstimated: estimated, cost, cache, ttftMs: null, status: answer.status, errorType: null, attempts });
  if (cache !== 'bypass') safeStore(call, cacheCtx, { kind: 'json', servedModel: model, payload: answer.payload, usage: tokens });
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
    ...call.headers,
    [SWITCHYARD_HEADERS.model]: model.id,
    [SWITCHYARD_HEADERS.cache]: cache,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    trailer: SWITCHYARD_HEADERS.costUsd,
  });
  const ttftMs = performance.now() - call.startedAt;
  let settled: { tokens: TokenCounts; estimated: boolean; cost: Cost } | null = null;
  const settle = (usage: TokenCounts | null, estimatedCompletion: number) => {
    if (settled) return settled;
    const tokens = usage ?? { promptTokens: estimatedPrompt(chat), completionTokens: estimatedCompletion, cachedTokens: 0 };
    settled = { tokens, estimated: usage === null, cost: priceTokens(call.live, model, tokens, call.startedAtMs) };
    return settled;
  };
  const collect: Buffer[] | null = storeCtx ? [] : null;
  const outcome = await relaySse(res, answer.first, answer.after, answer.body, answer.abort, {
    dropUsageChunk: !chat.clientWantsStreamUsage,
    beforeDone: (usage, estimated) => `: ${SWITCHYARD_HEADERS.costUsd}: ${settle(usage, estimated).cost.costUsd}\n\n`,
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
    res.addTrailers({ [SWITCHYARD_HEADERS.costUsd]: final.cost.costUsd });
    res.end();
  }
  record(call, { served: model, tokens: final.tokens, usageEstimated: final.estimated, cost: final.cost, cache, ttftMs, status, errorType, attempts });
  if (storeCtx && collect && outcome.end === 'complete' && outcome.sawDone && !final.estimated) {
    safeStore(call, storeCtx, { kind: 'sse', servedModel: model, chunks: collect, usage: final.tokens });
  }
}

/** A non-retryable upstream answer as it came, every upstream failed, or the client left first. */
export function answerUpstreamError(call: ChatCall, result: Exclude<DispatchResult, { kind: 'success' }>, cache: CacheOutcome): void {
  const { res } = call;
  if (result.kind === 'client-gone') {
    // Nothing reached the client; the upstream may still bill the prompt: count it, flagged as estimated.
    const tokens = result.attempts > 0 ? { ...NO_TOKENS, promptTokens: estimatedPrompt(call.chat) } : NO_TOKENS;
    const served = null;
    record(call, { served, tokens, usageEstimated: result.attempts > 0, cost: ZERO_COST, cache, ttftMs: null, status: 499, errorType: 'client_disconnected', attempts: result.attempts });
    return;
  }
  if (result.kind === 'client-error') {
    const f = result.failure;
    const payload = f.payload ?? Buffer.from('');
    res.writeHead(f.status ?? 400, {
      ...call.headers,
      [SWITCHYARD_HEADERS.model]: result.model.id,
      [SWITCHYARD_HEADERS.cache]: cache,
      'content-type': f.contentType ?? 'application/json',
      'content-length': String(payload.length),
    });
    res.end(payload);
    record(call, { served: result.model, tokens: NO_TOKENS, usageEstimated: false, cost: ZERO_COST, cache, ttftMs: null, status: f.status ?? 400, errorType: `upstream_${f.status}`, attempts: result.attempts });
    return;
  }
  const err = failureError(result, call.bucket.name);
  const body = JSON.stringify(err.body());
  const headers: Record<string, string> = { ...call.headers, [SWITCHYARD_HEADERS.cache]: cache, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
  if (result.last?.status) headers['x-switchyard-upstream-status'] = String(result.last.status);
  res.writeHead(err.status, headers);
  res.end(body);
  record(call, { served: null, tokens: NO_TOKENS, usageEstimated: false, cost: ZERO_COST, cache, ttftMs: null, status: err.status, errorType: err.code, attempts: result.attempts });
}

/** A cache hit: replayed as JSON or SSE, costing nothing, its saving recorded. */
export function answerFromCache(call: ChatCall, hit: Extract<CacheLookup, { outcome: 'exact' | 'semantic' }>): void {
  const { res, chat } = call;
  const saved = priceTokens(call.live, hit.servedModel, hit.usage, call.startedAtMs);
  const headers = { ...call.headers, [SWITCHYARD_HEADERS.model]: hit.servedModel.id, [SWITCHYARD_HEADERS.cache]: hit.outcome, [SWITCHYARD_HEADERS.costUsd]: '0.00' };
  if (chat.stream) {
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    writeCompletionAsSse(res, hit.payload, chat.clientWantsStreamUsage);
    res.end();
  } else {
    res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': String(hit.payload.length) });
    res.end(hit.payload);
  }
  const ttftMs = chat.stream ? performance.now() - call.startedAt : null;
  record(call, { served: hit.servedModel, tokens: hit.usage, usageEstimated: false, cost: ZERO_COST, cache: hit.outcome, cacheSavedUsd: saved.costUsd, ttftMs, status: 200, errorType: null, attempts: 0 });
}

function safeStore(call: ChatCall, ctx: CacheContext, response: Parameters<ProxyServices['cache']['store']>[1]): void {
  try {
    call.svc.cache.store(ctx, response);
  } catch (err) {
    call.svc.log.warn('cache store failed', { error: (err as Error).message });
  }
}
