import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Bucket, ProxyApiKey, UsageEvent } from '@switchyard/contracts';
import type { TokenCounts } from '@switchyard/pricing';
import type { Logger } from '../logger';
import type { CompiledModel, CompiledPolicy } from '../policy/compiled-policy';
import { mapUsage } from '../providers/openai/usage';
import { AbortHandle } from '../upstream/abort-handle';
import { attemptUpstream } from '../upstream/attempt';
import type { UpstreamPools } from '../upstream/upstream-pools';
import { estimatePromptTokens, estimateTokens } from '../usage/token-estimator';
import { buildUsageEvent, NO_TOKENS, priceTokens, ZERO_COST } from '../usage/usage-event';
import type { ReviewPairShipper } from './review-pair-shipper';
import { jsonAnswerText, parseObject, reviewPromptOf, sseAnswerText } from './review-text';
import { isSampled } from './shadow-sampling';

export interface ShadowOptions {
  /** Comparison calls in flight at once. */
  concurrency: number;
  /** Sampled requests waiting for a free slot; beyond it new samples are dropped. */
  queueMax: number;
  /** Upper bound on one comparison call (the bucket's total budget applies when smaller). */
  timeoutMs: number;
}

export const DEFAULT_SHADOW_OPTIONS: ShadowOptions = { concurrency: 4, queueMax: 64, timeoutMs: 60_000 };

/** What the chat route knows once the client has its answer. */
export interface ShadowOffer {
  res: ServerResponse;
  live: CompiledPolicy;
  bucket: Bucket;
  key: ProxyApiKey;
  /** The client's request body as parsed. */
  body: Readonly<Record<string, unknown>>;
  served: CompiledModel;
  startedAtMs: number;
  tokens: TokenCounts;
  /** The bytes the client received: a chat.completion body, or the relayed SSE chunks. */
  answer: { kind: 'json'; payload: Buffer } | { kind: 'sse'; chunks: readonly Buffer[] };
}

export interface ShadowStats {
  sampled: number;
  completed: number;
  failed: number;
  /** Sampled but not run: queue full, or the proxy closing. */
  dropped: number;
  /** Sampled but not comparable: the comparison model served the request itself, or texts over the review limits. */
  skipped: number;
  inFlight: number;
  queued: number;
}

interface Job {
  id: string;
  offer: ShadowOffer;
}

export interface ShadowDeps {
  pools: UpstreamPools;
  proxyId: string;
  /** Evaluation usage events go to the same shipper (and spool) as production ones. */
  pushUsage(event: UsageEvent): void;
  pairs: ReviewPairShipper;
  log: Logger;
}

/**
 * Shadow sampling for blind review (issue 9). After a client's request has been
 * answered in full, a share of a bucket's requests (`bucket.shadow.rate`, decided
 * from a fresh request id) is sent again, non-streaming, to the comparison model.
 * Nothing here runs before the response has finished: `offer` only looks at the
 * rate, and the work starts on the response's 'finish'. Calls run with bounded
 * concurrency behind a bounded queue; under pressure samples are dropped, and a
 * failing or hanging comparison model never touches the client or the breakers.
 * Each comparison call is priced and reported as an `evaluation` usage event; each
 * answered one becomes a review pair.
 */
export class ShadowSampler {
  private active = 0;
  private readonly queue: Job[] = [];
  private readonly handles = new Set<AbortHandle>();
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  private readonly counts = { sampled: 0, completed: 0, failed: 0, dropped: 0, skipped: 0 };

  constructor(
    private readonly deps: ShadowDeps,
    private readonly opts: ShadowOptions = DEFAULT_SHADOW_OPTIONS,
  ) {}

  /**
   * Draws the request id and decides whether this request is sampled — before a
   * stream is relayed, so its bytes are kept only when they will be compared. Null
   * when not sampled. (A JSON answer needs no early draw: `offer` draws itself.)
   */
  draw(bucket: Bucket): string | null {
    const rate = bucket.shadow?.rate ?? 0;
    if (this.closed || rate <= 0) return null;
    const id = randomUUID();
    if (!isSampled(id, rate)) return null;
    this.counts.sampled++;
    return id;
  }

  /**
   * Called once a request succeeded; never throws, never waits. On the request path it
   * at most draws an id and compares its hash with the rate; reading the texts and
   * the comparison call happen after the response has finished. `id` is a sample
   * already drawn with `draw`.
   */
  offer(offer: ShadowOffer, id: string | null = this.draw(offer.bucket)): void {
    try {
      if (id === null) return;
      const job: Job = { id, offer };
      const { res } = offer;
      if (res.writableFinished) setImmediate(() => this.enqueue(job));
      else {
        // 'close' follows 'finish'; a response that closed unfinished (client gone) is not compared.
        res.once('close', () => {
          if (res.writableFinished) this.enqueue(job);
          else this.counts.dropped++;
        });
      }
    } catch (err) {
      this.deps.log.warn('shadow sampling failed; request unaffected', { error: (err as Error).message });
    }
  }

  stats(): ShadowStats {
    return { ...this.counts, inFlight: this.active, queued: this.queue.length };
  }

  /** Resolves when no comparison call is running or waiting (tests, drain). */
  idle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops what waits, aborts what runs (nothing is recorded for those), ships the pairs made so far. */
  async close(): Promise<void> {
    this.closed = true;
    this.counts.dropped += this.queue.length;
    this.queue.length = 0;
    for (const h of this.handles) h.abort();
    await this.idle();
    await this.deps.pairs.stop();
  }

  private enqueue(job: Job): void {
    if (this.closed) {
      this.counts.dropped++;
      return;
    }
    if (this.active < this.opts.concurrency) {
      void this.run(job);
      return;
    }
    if (this.queue.length >= this.opts.queueMax) {
      this.counts.dropped++;
      return;
    }
    this.queue.push(job);
  }

  private async run(job: Job): Promise<void> {
    this.active++;
    const handle = new AbortHandle();
    this.handles.add(handle);
    try {
      await this.compare(job, handle);
    } catch (err) {
      this.counts.failed++;
      this.deps.log.warn('shadow comparison failed', { error: (err as Error).message });
    } finally {
      this.handles.delete(handle);
      this.active--;
      const next = this.closed ? undefined : this.queue.shift();
      if (next) void this.run(next);
      else if (this.active === 0 && this.queue.length === 0) this.wakeIdle();
    }
  }

  private async compare(job: Job, handle: AbortHandle): Promise<void> {
    const { offer } = job;
    const comparison = offer.live.models.get(offer.bucket.shadow?.model ?? offer.live.snapshot.policy.baselineModel);
    const prompt = reviewPromptOf(offer.body.messages);
    const candidateOutput = offer.answer.kind === 'json' ? jsonAnswerText(parseObject(offer.answer.payload)) : sseAnswerText(offer.answer.chunks);
    if (!comparison || comparison.kind !== 'chat' || comparison.id === offer.served.id || !prompt || candidateOutput === null) {
      this.counts.skipped++;
      return;
    }
    const startedAtMs = Date.now();
    const startedAt = performance.now();
    const body: Record<string, unknown> = { ...offer.body, model: comparison.upstreamModel, stream: false };
    delete body.stream_options;
    const timeoutMs = Math.min(this.opts.timeoutMs, offer.bucket.limits.totalBudgetMs);
    const r = await attemptUpstream(this.deps.pools, comparison, JSON.stringify(body), false, timeoutMs, handle);
    if (!r.ok && r.clientGone) {
      // Aborted by close(): the proxy is going away; nothing to report.
      this.counts.dropped++;
      return;
    }
    const record = {
      endpoint: 'chat.completions' as const,
      live: offer.live,
      bucket: offer.bucket.name,
      requestedModel: comparison.id,
      key: offer.key,
      stream: false,
      cache: 'bypass' as const,
      cacheSavedUsd: '0.00',
      startedAtMs,
      totalMs: performance.now() - startedAt,
      ttftMs: null,
    };
    if (!r.ok || r.stream) {
      this.counts.failed++;
      const status = r.ok ? 502 : (r.status ?? (r.failure.kind === 'timeout' ? 504 : 502));
      const errorType = r.ok ? 'shadow_unusable_answer' : `shadow_${r.failure.kind === 'status' ? `upstream_${r.status}` : r.failure.kind}`;
      this.report({ ...record, served: null, tokens: NO_TOKENS, usageEstimated: false, cost: ZERO_COST, status, errorType, attempts: 1 });
      return;
    }
    const json = r.json ?? parseObject(r.payload);
    const output = jsonAnswerText(json);
    let tokens = mapUsage(json?.usage);
    const estimated = tokens === null;
    if (tokens === null) {
      const promptText = prompt.map((m) => m.content).join('\n');
      tokens = { promptTokens: estimatePromptTokens(promptText, prompt.length), completionTokens: estimateTokens(output ?? ''), cachedTokens: 0 };
    }
    const cost = priceTokens(offer.live, comparison, tokens, startedAtMs);
    this.report({ ...record, served: comparison, tokens, usageEstimated: estimated, cost, status: r.status, errorType: null, attempts: 1 });
    if (output === null) {
      this.counts.skipped++;
      return;
    }
    this.counts.completed++;
    this.deps.pairs.push({
      id: job.id,
      ts: new Date(offer.startedAtMs).toISOString(),
      proxyId: this.deps.proxyId,
      policyVersion: offer.live.version,
      bucket: offer.bucket.name,
      team: offer.key.team,
      prompt,
      candidate: { model: offer.served.id, output: candidateOutput, usage: offer.tokens },
      baseline: { model: comparison.id, output, usage: tokens },
    });
  }

  private report(record: Parameters<typeof buildUsageEvent>[0]): void {
    this.deps.pushUsage({ ...buildUsageEvent(record, this.deps.proxyId), kind: 'evaluation' });
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
