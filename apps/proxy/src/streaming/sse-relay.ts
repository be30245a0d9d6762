import type { ServerResponse } from 'node:http';
import type { TokenCounts } from '@switchyard/pricing';
import type { AbortHandle } from '../upstream/abort-handle';
import type { BodySink, UpstreamBody } from '../upstream/upstream-stream';
import { countGeneratedTokens, eventStart, findDone, findUsageObject, lastEventEnd, nextEventEnd, parseUsageEvent } from './sse-scan';

export interface RelayOptions {
  /** Drop the usage-only chunk: the proxy asked for it, the client did not. */
  dropUsageChunk: boolean;
  /** Written just before `data: [DONE]` (the cost comment); gets the usage, or the estimated completion tokens so far. */
  beforeDone(usage: TokenCounts | null, estimatedCompletion: number): string | null;
  /** When set, every forwarded byte is also kept here (for the response cache). */
  collect: Buffer[] | null;
}

export interface RelayOutcome {
  usage: TokenCounts | null;
  /** Completion tokens estimated from the generated text seen (counted until usage arrives). */
  estimatedCompletion: number;
  /** How the stream ended: upstream finished, upstream failed mid-way, or the client left. */
  end: 'complete' | 'upstream-error' | 'client-gone';
  error: string | null;
  sawDone: boolean;
}

/** An incomplete event longer than this is forwarded as is rather than held back. */
const MAX_CARRY = 256 * 1024;
/**
 * Forwarded bytes kept (by reference) until usage arrives, so that a stream without
 * usage can be estimated at the end; past this many, the oldest are counted and let go.
 * Usage normally arrives, and then nothing was counted at all.
 */
const MAX_UNCOUNTED = 64 * 1024;

/**
 * Pipes an upstream SSE body to the client event by event as it arrives — no
 * buffering beyond the bytes of an event not yet complete. Each block of complete
 * events is written with one `write`; only a block holding a usage object or
 * `[DONE]` is split, to read the usage and to insert the cost comment. A client that
 * goes away aborts the upstream request. Headers must already be sent.
 */
export function relaySse(res: ServerResponse, first: Buffer, body: UpstreamBody, abort: AbortHandle, opts: RelayOptions): Promise<RelayOutcome> {
  return new Promise((resolve) => new SseRelay(res, body, abort, opts, resolve).start(first));
}

/**
 * One relayed stream. A class rather than closures: its methods are shared by every
 * stream (one optimised copy, nothing allocated per stream but the instance and the
 * few bound listeners). It is the body's sink: `data`, `end`, `error`.
 */
class SseRelay implements BodySink {
  private readonly outcome: RelayOutcome = { usage: null, estimatedCompletion: 0, end: 'complete', error: null, sawDone: false };
  private carry: Buffer | null = null;
  private settled = false;
  private waitingForDrain = false;
  /** Forwarded blocks not yet counted (only while no usage has come). */
  private uncounted: Buffer[] = [];
  private uncountedBytes = 0;
  private readonly onDrain = () => {
    this.waitingForDrain = false;
    this.body.resume();
  };
  private readonly onClientClose = () => {
    if (this.res.writableFinished) return;
    this.abort.abort();
    this.finish('client-gone', 'the client closed the connection');
  };

  constructor(
    private readonly res: ServerResponse,
    private readonly body: UpstreamBody,
    private readonly abort: AbortHandle,
    private readonly opts: RelayOptions,
    private readonly resolve: (o: RelayOutcome) => void,
  ) {}

  start(first: Buffer): void {
    this.res.on('close', this.onClientClose);
    this.push(first);
    if (this.settled) return;
    if (this.res.destroyed) this.onClientClose();
    // Chunks, the end or a failure that came after the first event are delivered now.
    else this.body.attach(this);
  }

  data(chunk: Buffer): void {
    this.push(chunk);
  }

  end(): void {
    this.bodyEnded();
  }

  error(err: Error): void {
    this.fail(err);
  }

  /** A slow client pauses the upstream instead of piling its chunks up in memory. */
  private write(buf: Buffer | string): void {
    if (this.opts.collect) this.opts.collect.push(typeof buf === 'string' ? Buffer.from(buf) : buf);
    if (!this.res.write(buf) && !this.waitingForDrain) {
      this.waitingForDrain = true;
      this.body.pause();
      this.res.once('drain', this.onDrain);
    }
  }

  private forward(part: Buffer): void {
    if (part.length === 0) return;
    if (this.outcome.usage === null) {
      this.uncounted.push(part);
      this.uncountedBytes += part.length;
      while (this.uncountedBytes > MAX_UNCOUNTED && this.uncounted.length > 1) {
        const oldest = this.uncounted.shift()!;
        this.uncountedBytes -= oldest.length;
        this.outcome.estimatedCompletion += countGeneratedTokens(oldest);
      }
    }
    this.write(part);
  }

  /** Counts what is still held (only needed when no usage came). */
  private countRest(): void {
    for (const b of this.uncounted) this.outcome.estimatedCompletion += countGeneratedTokens(b);
    this.uncounted = [];
    this.uncountedBytes = 0;
  }

  /**
   * A block of complete events. The common block has neither a usage object nor
   * [DONE] and is written as it is. Otherwise it is cut around the usage event (read,
   * and dropped if the client did not ask for it) and before [DONE] (cost comment).
   * Every block is looked at for usage, and the last usage object read is the one
   * billed: a provider that sends running totals in every chunk ends on its full count.
   */
  private handleBlock(block: Buffer): void {
    const outcome = this.outcome;
    const usageAt = findUsageObject(block);
    const doneAt = outcome.sawDone ? -1 : findDone(block);
    if (usageAt < 0 && doneAt < 0) {
      this.forward(block);
      return;
    }
    let pos = 0;
    if (usageAt >= 0) {
      const start = eventStart(block, usageAt);
      const end = nextEventEnd(block, usageAt);
      this.forward(block.subarray(0, start));
      const event = block.subarray(start, end);
      const parsed = parseUsageEvent(event, usageAt - start);
      if (parsed) {
        outcome.usage = parsed.usage;
        this.uncounted = [];
        this.uncountedBytes = 0;
      }
      if (!(parsed && parsed.usageOnly && this.opts.dropUsageChunk)) this.write(event);
      pos = end;
    }
    if (doneAt >= pos) {
      this.forward(block.subarray(pos, doneAt));
      outcome.sawDone = true;
      if (outcome.usage === null) this.countRest();
      const comment = this.opts.beforeDone(outcome.usage, outcome.estimatedCompletion);
      if (comment) this.write(comment);
      this.write(block.subarray(doneAt));
    } else {
      this.forward(block.subarray(pos));
    }
  }

  private push(chunk: Buffer): void {
    const buf: Buffer = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = lastEventEnd(buf);
    if (end < 0) {
      this.carry = buf;
      if (buf.length > MAX_CARRY) {
        this.carry = null;
        this.write(buf);
      }
      return;
    }
    this.carry = end < buf.length ? buf.subarray(end) : null;
    this.handleBlock(end === buf.length ? buf : buf.subarray(0, end));
  }

  /** A body that ends inside an event was cut off: that last, partial event is not forwarded, and the stream ends as broken. */
  private bodyEnded(): void {
    const partial = this.carry;
    if (partial && partial.toString('latin1').trim() !== '') {
      this.carry = null;
      this.finish('upstream-error', 'the upstream stream ended inside an event');
    } else {
      this.finish('complete', null);
    }
  }

  private fail(err: Error): void {
    if (this.abort.aborted || this.res.destroyed) this.finish('client-gone', 'the client closed the connection');
    else this.finish('upstream-error', err.message || 'the upstream connection failed');
  }

  private finish(end: RelayOutcome['end'], error: string | null): void {
    if (this.settled) return;
    this.settled = true;
    this.res.off('close', this.onClientClose);
    this.res.off('drain', this.onDrain);
    this.body.detach();
    // A partial event is never forwarded before an error event: the client would read the two as one broken line.
    if (this.carry && end === 'complete') this.write(this.carry);
    if (this.outcome.usage === null) this.countRest();
    this.outcome.end = end;
    this.outcome.error = error;
    this.resolve(this.outcome);
  }
}
