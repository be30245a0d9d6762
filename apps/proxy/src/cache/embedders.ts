import type { TokenCounts } from '@switchyard/pricing';
import type { CompiledModel, CompiledPolicy } from '../policy/compiled-policy';
import { mapUsage } from '../providers/openai/usage';
import type { UpstreamPools } from '../upstream/upstream-pools';
import { estimateTokens } from '../usage/token-estimator';
import { denseVector, LOCAL_EMBEDDER_ID } from './local-embedder';
import type { PromptSignature } from './prompt-signature';
import { normalise } from './vector-math';

/** A paid embedding call, for the usage event that bills it. */
export interface EmbeddingCall {
  model: CompiledModel;
  tokens: TokenCounts;
  usageEstimated: boolean;
  startedAtMs: number;
  totalMs: number;
  status: number;
  errorType: string | null;
}

export type EmbedResult = { vector: Float32Array; call: EmbeddingCall | null } | { vector: null; call: EmbeddingCall | null };

const NONE: TokenCounts = Object.freeze({ promptTokens: 0, completionTokens: 0, cachedTokens: 0 });

/** What turns a prompt into a vector for one policy version. */
export interface Embedder {
  /** Part of the partition key: vectors of different embedders are never compared. */
  id: string;
  /**
   * The built-in embedder: cheap and synchronous (the cache embeds before its one
   * Redis round trip), and its hits are decided on the exact signature similarity.
   */
  local: boolean;
  embed(text: string, signature: PromptSignature): EmbedResult | Promise<EmbedResult>;
}

export const localEmbedder: Embedder = {
  id: LOCAL_EMBEDDER_ID,
  local: true,
  embed: (_text, signature) => ({ vector: denseVector(signature), call: null }),
};

/**
 * The policy's embeddings model, called through its provider like any request
 * (same keep-alive pools, the provider's key). Its cost goes in a usage event of
 * its own (endpoint `embeddings`), so spend stays exact and the cache's net saving
 * is the hits' `cacheSavedUsd` minus these events. A failed or slow call only
 * means no semantic lookup for this request.
 */
export class RemoteEmbedder implements Embedder {
  readonly id: string;
  readonly local = false;

  constructor(
    private readonly model: CompiledModel,
    private readonly pools: UpstreamPools,
    private readonly timeoutMs: number,
  ) {
    this.id = `model:${model.id}`;
  }

  async embed(text: string): Promise<EmbedResult> {
    const startedAtMs = Date.now();
    const t0 = performance.now();
    const m = this.model;
    const call = (status: number, errorType: string | null, tokens: TokenCounts, usageEstimated: boolean): EmbeddingCall => ({
      model: m,
      tokens,
      usageEstimated,
      startedAtMs,
      totalMs: performance.now() - t0,
      status,
      errorType,
    });
    const estimate = { promptTokens: estimateTokens(text), completionTokens: 0, cachedTokens: 0 };
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (m.authorization) headers.authorization = m.authorization;
    try {
      const res = await this.pools.get(m.origin).request({
        method: 'POST',
        path: m.path,
        headers,
        body: JSON.stringify({ model: m.upstreamModel, input: text }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const body = await res.body.text();
      // An error answer is not billed by providers.
      if (res.statusCode < 200 || res.statusCode >= 300) return { vector: null, call: call(res.statusCode, `upstream_${res.statusCode}`, NONE, false) };
      const json = JSON.parse(body) as { data?: Array<{ embedding?: unknown }>; usage?: unknown };
      const raw = json.data?.[0]?.embedding;
      if (!Array.isArray(raw) || raw.length === 0 || raw.length > 65_535) return { vector: null, call: call(502, 'embedding_malformed', estimate, true) };
      const usage = mapUsage(json.usage);
      return { vector: normalise(Float32Array.from(raw as number[])), call: call(res.statusCode, null, usage ?? estimate, usage === null) };
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
      // The provider may have billed a request we gave up on: count the prompt, flagged as estimated.
      return { vector: null, call: call(timedOut ? 504 : 502, timedOut ? 'upstream_timeout' : 'upstream_connection', estimate, true) };
    }
  }
}

/** The embedder a policy version asks for: its embeddings model, or the built-in one. */
export function embedderFor(live: CompiledPolicy, pools: UpstreamPools | null, timeoutMs: number, cache: WeakMap<CompiledPolicy, Embedder>): Embedder {
  let e = cache.get(live);
  if (e) return e;
  const id = live.snapshot.policy.embeddingModel;
  const model = id === null ? undefined : live.models.get(id);
  e = model && pools ? new RemoteEmbedder(model, pools, timeoutMs) : localEmbedder;
  cache.set(live, e);
  return e;
}
