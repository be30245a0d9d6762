import type { IncomingHttpHeaders } from 'node:http';
import type { Bucket, CacheOutcome, ProxyApiKey } from '@switchyard/contracts';
import type { TokenCounts } from '@switchyard/pricing';
import type { CompiledModel, CompiledPolicy } from '../policy/compiled-policy';

/** What the cache may look at for one chat request. */
export interface CacheContext {
  live: CompiledPolicy;
  bucket: Bucket;
  /** The model the request would be served by (the picked target, or the concrete model asked for). */
  model: CompiledModel;
  key: ProxyApiKey;
  /** The client's request body as parsed (read-only). */
  body: Readonly<Record<string, unknown>>;
  stream: boolean;
  headers: IncomingHttpHeaders;
}

/** A complete upstream answer, handed to `store` only after it fully succeeded. */
export type CacheableResponse =
  /** Non-streaming: the exact JSON bytes the client received. */
  | { kind: 'json'; servedModel: CompiledModel; payload: Buffer; usage: TokenCounts }
  /** Streaming: the exact SSE bytes the client received, in order (asked for with `collectStream`). */
  | { kind: 'sse'; servedModel: CompiledModel; chunks: Buffer[]; usage: TokenCounts };

export type CacheLookup =
  | {
      outcome: 'miss' | 'bypass';
      /** Keep the streamed bytes so `store` can be called with them (costs memory: only when the cache will store). */
      collectStream: boolean;
    }
  | {
      outcome: Extract<CacheOutcome, 'exact' | 'semantic'>;
      /** The cached answer: a chat.completion JSON body, replayed as JSON or as SSE as the client asked. */
      payload: Buffer;
      usage: TokenCounts;
      /** The model that produced it (priced for the saving). */
      servedModel: CompiledModel;
    };

/**
 * The response cache seam (issue 5). The chat route calls `lookup` after routing
 * picked a model and before any upstream call, and `store` after a complete,
 * successful answer — never for errors, partial streams or client disconnects.
 * Both must be fast and must not throw into the request: a cache failure is a miss.
 */
export interface ResponseCache {
  lookup(ctx: CacheContext): Promise<CacheLookup> | CacheLookup;
  store(ctx: CacheContext, response: CacheableResponse): void;
  close?(): Promise<void>;
}

const MISS: CacheLookup = Object.freeze({ outcome: 'miss', collectStream: false }) as CacheLookup;

/** No cache: every request is a miss and nothing is kept. */
export const noopCache: ResponseCache = {
  lookup: () => MISS,
  store: () => undefined,
};
