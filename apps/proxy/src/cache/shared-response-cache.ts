import { SWITCHYARD_HEADERS, type CacheSettings } from '@switchyard/contracts';
import type { Logger } from '../logger';
import type { CompiledPolicy } from '../policy/compiled-policy';
import type { UpstreamPools } from '../upstream/upstream-pools';
import { priceTokens, type RequestRecord } from '../usage/usage-event';
import type { CacheBackend, SemanticWrite } from './cache-backend';
import { decodeAnswer, encodeAnswer, type CachedAnswer } from './cache-entry';
import { canonicalRequest, effectiveTemperature, exactKey, partitionKey, semanticQuery, type SemanticQuery } from './cache-key';
import type { CacheMetrics } from './cache-metrics';
import { cacheableJson, cacheableSse } from './cacheable-answer';
import { embedderFor, type EmbedResult, type Embedder, type EmbeddingCall } from './embedders';
import { embedTokens, promptSignature } from './local-embedder';
import type { PromptSignature } from './prompt-signature';
import type { CacheableResponse, CacheContext, CacheLookup, ResponseCache } from './response-cache';
import type { SemanticIndexes, SemanticMatch } from './semantic-index';

export interface SharedCacheDeps {
  backend: CacheBackend;
  semantic: SemanticIndexes;
  log: Logger;
  /** For a policy's paid embeddings model (null: the built-in embedder only). */
  pools?: UpstreamPools | null;
  metrics?: CacheMetrics | null;
  /** Records a usage event (the bill of a paid embedding call). */
  report?(record: RequestRecord): void;
  /** Longest a request waits for a paid embedding before it goes on without the semantic lookup. */
  embedTimeoutMs?: number;
  now?(): number;
}

/** What `lookup` worked out about a request, reused by `store` (same context object). */
interface Prepared {
  canonical: Record<string, unknown>;
  exactKey: string;
  query: SemanticQuery | null;
  signature: PromptSignature | null;
  embedder: Embedder | null;
  partition: string | null;
  vector: Float32Array | null;
}

const BYPASS: CacheLookup = Object.freeze({ outcome: 'bypass', collectStream: false }) as CacheLookup;
const UNAVAILABLE: CacheLookup = Object.freeze({ outcome: 'miss', collectStream: false }) as CacheLookup;
const MISS: CacheLookup = Object.freeze({ outcome: 'miss', collectStream: false }) as CacheLookup;
const MISS_COLLECT: CacheLookup = Object.freeze({ outcome: 'miss', collectStream: true }) as CacheLookup;

function asksBypass(ctx: CacheContext): boolean {
  const h = ctx.headers[SWITCHYARD_HEADERS.cacheControl];
  const v = Array.isArray(h) ? h[0] : h;
  return v !== undefined && v.trim().toLowerCase() === 'bypass';
}

/**
 * The exact + semantic response cache (issue 5).
 *
 * Lookup, on the request path: the exact key is sha256(team, served model,
 * canonical request). With the built-in embedder the prompt is embedded and the
 * partition's ANN index searched first, in-process, so the exact key and the best
 * semantic candidate are fetched together in ONE backend round trip. A policy's
 * paid embeddings model is only called after the exact lookup missed.
 *
 * Store, after the answer went out: only complete answers (every choice finished;
 * for streams, [DONE] seen) — the route never offers errors, cut streams or
 * answers to clients that left — and tool calls only where the bucket allows.
 *
 * Outcomes: `exact`/`semantic` hits; `miss`; `bypass` when the cache was not
 * consulted (the client's `x-switchyard-cache: bypass`, a temperature above the
 * bucket's limit, or a bucket with both caches off). Every setting is read from
 * the request's own policy version.
 */
export class SharedResponseCache implements ResponseCache {
  private readonly prepared = new WeakMap<CacheContext, Prepared>();
  private readonly embedders = new WeakMap<CompiledPolicy, Embedder>();
  private readonly now: () => number;
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(private readonly deps: SharedCacheDeps) {
    this.now = deps.now ?? Date.now;
    this.sweepTimer = setInterval(() => deps.semantic.sweep(this.now()), 1000);
    this.sweepTimer.unref();
  }

  get backend(): CacheBackend {
    return this.deps.backend;
  }

  lookup(ctx: CacheContext): Promise<CacheLookup> | CacheLookup {
    const s = ctx.bucket.cache;
    if ((!s.exact && !s.semantic) || asksBypass(ctx) || effectiveTemperature(ctx.body) > s.maxTemperature) return BYPASS;
    const canonical = canonicalRequest(ctx.body);
    const p: Prepared = { canonical, exactKey: exactKey(ctx.key.team, ctx.model.id, canonical), query: null, signature: null, embedder: null, partition: null, vector: null };
    this.prepared.set(ctx, p);
    if (!this.deps.backend.available()) return UNAVAILABLE;
    return this.find(ctx, s, p);
  }

  private async find(ctx: CacheContext, s: CacheSettings, p: Prepared): Promise<CacheLookup> {
    const t0 = performance.now();
    const now = this.now();
    const ttlMs = s.ttlSeconds * 1000;
    let candidate: SemanticMatch | null = null;
    if (s.semantic && this.prepareSemantic(ctx, p) && p.embedder!.local) candidate = this.search(p, s, ttlMs, now);
    const keys: string[] = s.exact ? [p.exactKey] : [];
    if (candidate && !(s.exact && candidate.answerKey === p.exactKey)) keys.push(candidate.answerKey);
    const values = keys.length > 0 ? await this.deps.backend.get(keys) : [];
    if (s.exact) {
      const hit = this.usable(values[0], ctx, s, now);
      if (hit) return this.hit('exact', hit, ctx, t0);
    }
    if (candidate) {
      const raw = candidate.answerKey === p.exactKey && s.exact ? values[0] : values[keys.length - 1];
      const hit = this.usable(raw, ctx, s, now);
      if (hit) return this.hit('semantic', hit, ctx, t0);
      // The answer is gone (evicted, or Redis restarted empty): so is the entry.
      if (raw === null) this.deps.semantic.remove(p.partition!, candidate.answerKey);
    }
    // A paid embedding is worth it only if its answer could be fetched.
    if (p.query && p.embedder && !p.embedder.local && this.deps.backend.available()) {
      const hit = await this.remoteSemantic(ctx, s, p, ttlMs, now);
      if (hit) return this.hit('semantic', hit, ctx, t0);
    }
    this.deps.metrics?.lookupSeconds.labels('miss').observe((performance.now() - t0) / 1000);
    return ctx.stream ? MISS_COLLECT : MISS;
  }

  /**
   * The semantic side of a request: its query, signature, embedder and partition,
   * and with the built-in embedder its vector. False when the request has no
   * semantic query (the last turn is not user text).
   */
  private prepareSemantic(ctx: CacheContext, p: Prepared): boolean {
    if (p.embedder) return p.query !== null;
    p.query = semanticQuery(p.canonical);
    if (!p.query) return false;
    p.signature = promptSignature(embedTokens(p.query.text));
    p.embedder = embedderFor(ctx.live, this.deps.pools ?? null, this.deps.embedTimeoutMs ?? 2000, this.embedders);
    p.partition = partitionKey(ctx.key.team, ctx.model.id, p.embedder.id, p.query.rest);
    if (p.embedder.local) p.vector = (p.embedder.embed(p.query.text, p.signature) as EmbedResult).vector;
    return true;
  }

  private search(p: Prepared, s: CacheSettings, ttlMs: number, nowMs: number): SemanticMatch | null {
    if (!p.vector || !p.signature || !p.partition || !p.embedder) return null;
    return this.deps.semantic.search(p.partition, { vector: p.vector, signature: p.signature, threshold: s.threshold, ttlMs, nowMs, bySignature: p.embedder.local });
  }

  private async remoteSemantic(ctx: CacheContext, s: CacheSettings, p: Prepared, ttlMs: number, now: number): Promise<CachedAnswer | null> {
    const r = await p.embedder!.embed(p.query!.text, p.signature!);
    if (r.call) this.bill(ctx, r.call);
    if (!r.vector) return null;
    p.vector = r.vector;
    const candidate = this.search(p, s, ttlMs, now);
    if (!candidate) return null;
    const [raw] = await this.deps.backend.get([candidate.answerKey]);
    if (raw === null) this.deps.semantic.remove(p.partition!, candidate.answerKey);
    return this.usable(raw, ctx, s, now);
  }

  /** A stored answer this request may be served: same model, young enough for the bucket's TTL now, tool calls only where allowed. */
  private usable(raw: Buffer | null | undefined, ctx: CacheContext, s: CacheSettings, now: number): CachedAnswer | null {
    if (!raw) return null;
    const a = decodeAnswer(raw);
    if (!a || a.modelId !== ctx.model.id) return null;
    if (a.storedAtMs + s.ttlSeconds * 1000 <= now) return null;
    if (a.toolCalls && !s.allowToolCalls) return null;
    return a;
  }

  /** The served model is the request's: the key and the partition both hold it. */
  private hit(outcome: 'exact' | 'semantic', a: CachedAnswer, ctx: CacheContext, t0: number): CacheLookup {
    this.deps.metrics?.lookupSeconds.labels(outcome).observe((performance.now() - t0) / 1000);
    return { outcome, payload: a.payload, usage: a.usage, servedModel: ctx.model };
  }

  store(ctx: CacheContext, response: CacheableResponse): void {
    const p = this.prepared.get(ctx);
    if (!p) return;
    this.prepared.delete(ctx);
    const s = ctx.bucket.cache;
    const m = this.deps.metrics;
    if (!this.deps.backend.available()) {
      m?.stores.labels('skipped_unavailable').inc();
      return;
    }
    const c = response.kind === 'json' ? cacheableJson(response.payload) : cacheableSse(response.chunks, response.usage);
    if (!c.ok) {
      m?.stores.labels(`skipped_${c.reason}`).inc();
      return;
    }
    if (c.toolCalls && !s.allowToolCalls) {
      m?.stores.labels('skipped_tool_calls').inc();
      return;
    }
    const served = response.servedModel;
    const team = ctx.key.team;
    // A fallback answered: the entry belongs to the model that made it.
    const sameModel = served.id === ctx.model.id;
    const key = sameModel ? p.exactKey : exactKey(team, served.id, p.canonical);
    const now = this.now();
    const ttlMs = s.ttlSeconds * 1000;
    const value = encodeAnswer({ modelId: served.id, usage: response.usage, storedAtMs: now, toolCalls: c.toolCalls, payload: c.payload });
    let semantic: SemanticWrite | null = null;
    // A lookup made while the backend was unreachable skipped this: the built-in embedder can catch up now.
    if (s.semantic) this.prepareSemantic(ctx, p);
    if (s.semantic && p.query && p.vector && p.signature && p.embedder) {
      const partition = sameModel ? p.partition! : partitionKey(team, served.id, p.embedder.id, p.query.rest);
      semantic = { partition, record: { answerKey: key, storedAtMs: now, expiresAtMs: now + ttlMs, vector: p.vector, signature: p.signature } };
    }
    void this.deps.backend.put(key, value, ttlMs, semantic).then((ok) => {
      m?.stores.labels(ok ? 'stored' : 'failed').inc();
      if (ok && semantic) this.deps.semantic.add(semantic.partition, semantic.record, now);
    });
  }

  /** A paid embedding call gets a usage event of its own (cache `bypass`: it is not a lookup outcome). */
  private bill(ctx: CacheContext, call: EmbeddingCall): void {
    if (!this.deps.report) return;
    const billed = call.tokens.promptTokens > 0;
    this.deps.report({
      endpoint: 'embeddings',
      live: ctx.live,
      bucket: ctx.bucket.name,
      requestedModel: call.model.id,
      served: call.status < 400 ? call.model : null,
      key: ctx.key,
      stream: false,
      tokens: call.tokens,
      usageEstimated: call.usageEstimated,
      cache: 'bypass',
      cacheSavedUsd: '0.00',
      cost: billed ? priceTokens(ctx.live, call.model, call.tokens, call.startedAtMs) : { costUsd: '0.00', baselineCostUsd: '0.00' },
      startedAtMs: call.startedAtMs,
      totalMs: call.totalMs,
      ttftMs: null,
      status: call.status,
      errorType: call.errorType,
      attempts: 1,
    });
  }

  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.deps.backend.close();
  }
}
