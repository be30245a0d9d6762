import type { ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { TokenCounts } from '@switchyard/pricing';
import type { AbortHandle } from '../upstream/abort-handle';
import type { BodyAfterFirst } from '../upstream/attempt';
import { countGeneratedTokens, eventStart, findDone, findUsageObject, lastEventEnd, nextEventEnd, parseUsageEvent } from './sse-scan';

type Body = Dispatcher.ResponseData['body'];

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
export function relaySse(res: ServerResponse, first: Buffer, after: BodyAfterFirst, body: Body, abort: AbortHandle, opts: RelayOptions): Promise<RelayOutcome> {
  const outcome: RelayOutcome = { usage: null, estimatedCompletion: 0, end: 'complete', error: null, sawDone: false };
  let carry: Buffer | null = null;
  let settled = false;
  let waitingForDrain = false;
  const onDrain = () => {
    waitingForDrain = false;
    body.resume();
  };

  // A slow client pauses the upstream instead of piling its chunks up in memory.
  const write = (buf: Buffer | string) => {
    if (opts.collect) opts.collect.push(typeof buf === 'string' ? Buffer.from(buf) : buf);
    if (!res.write(buf) && !waitingForDrain) {
      waitingForDrain = true;
      body.pause();
      res.once('drain', onDrain);
    }
  };

  let uncounted: Buffer[] = [];
  let uncountedBytes = 0;
  const forward = (part: Buffer) => {
    if (part.length === 0) return;
    if (outcome.usage === null) {
      uncounted.push(part);
      uncountedBytes += part.length;
      while (uncountedBytes > MAX_UNCOUNTED && uncounted.length > 1) {
        const oldest = uncounted.shift()!;
        uncountedBytes -= oldest.length;
        outcome.estimatedCompletion += countGeneratedTokens(oldest);
      }
    }
    write(part);
  };
  /** Counts what is still held (only needed when no usage came). */
  const countRest = () => {
    for (const b of uncounted) outcome.estimatedCompletion += countGeneratedTokens(b);
    uncounted = [];
    uncountedBytes = 0;
  };

  /**
   * A block of complete events. The common block has neither a usage object nor
   * [DONE] and is written as it is. Otherwise it is cut around the usage event (read,
   * and dropped if the client did not ask for it) and before [DONE] (cost comment).
   */
  const handleBlock = (block: Buffer) => {
    const usageAt = outcome.usage === null ? findUsageObject(block) : -1;
    const doneAt = outcome.sawDone ? -1 : findDone(block);
    if (usageAt < 0 && doneAt < 0) {
      forward(block);
      return;
    }
    let pos = 0;
    if (usageAt >= 0) {
      const start = eventStart(block, usageAt);
      const end = nextEventEnd(block, usageAt);
      forward(block.subarray(0, start));
      const event = block.subarray(start, end);
      const parsed = parseUsageEvent(event, usageAt - start);
      if (parsed) {
        outcome.usage = parsed.usage;
        uncounted = [];
        uncountedBytes = 0;
      }
      if (!(parsed && parsed.usageOnly && opts.dropUsageChunk)) write(event);
      pos = end;
    }
    if (doneAt >= pos) {
      forward(block.subarray(pos, doneAt));
      outcome.sawDone = true;
      if (outcome.usage === null) countRest();
      const comment = opts.beforeDone(outcome.usage, outcome.estimatedCompletion);
      if (comment) write(comment);
      write(block.subarray(doneAt));
    } else {
      forward(block.subarray(pos));
    }
  };

  const push = (chunk: Buffer) => {
    const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const end = lastEventEnd(buf);
    if (end < 0) {
      carry = buf;
      if (buf.length > MAX_CARRY) {
        carry = null;
        write(buf);
      }
      return;
    }
    carry = end < buf.length ? buf.subarray(end) : null;
    handleBlock(end === buf.length ? buf : buf.subarray(0, end));
  };

  return new Promise((resolve) => {
    const finish = (end: RelayOutcome['end'], error: string | null) => {
      if (settled) return;
      settled = true;
      res.off('close', onClientClose);
      res.off('drain', onDrain);
      if (carry && end !== 'client-gone') write(carry);
      if (outcome.usage === null) countRest();
      outcome.end = end;
      outcome.error = error;
      resolve(outcome);
    };
    const onClientClose = () => {
      if (res.writableFinished) return;
      abort.abort();
      finish('client-gone', 'the client closed the connection');
    };
    const onError = (err: Error) => {
      if (abort.aborted || res.destroyed) finish('client-gone', 'the client closed the connection');
      else finish('upstream-error', err.message || 'the upstream connection failed');
    };
    after.detach();
    res.on('close', onClientClose);
    body.on('data', push);
    body.once('end', () => finish('complete', null));
    body.once('error', onError);
    push(first);
    if (after.error) onError(after.error);
    else if (after.ended) finish('complete', null);
    else if (res.destroyed) onClientClose();
    else if (!waitingForDrain) body.resume();
  });
}
