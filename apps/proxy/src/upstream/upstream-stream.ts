import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { AbortHandle } from './abort-handle';
import { AbortedError, parseRawHeaders } from './collect';

/** Where an upstream body's chunks, end and failure go. */
export interface BodySink {
  data(chunk: Buffer): void;
  end(): void;
  error(err: Error): void;
}

/**
 * A streamed upstream body, read by one sink at a time. Chunks that arrive while no
 * sink is attached wait (and pause the upstream) until the next one attaches; so do
 * the end and a failure. `pause` holds the upstream back (a slow client).
 */
export interface UpstreamBody {
  attach(sink: BodySink): void;
  detach(): void;
  pause(): void;
  resume(): void;
  /** Aborts the upstream request; the sink hears nothing more. */
  destroy(): void;
}

export interface StreamHead {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: UpstreamBody;
}

/**
 * One upstream request whose answer is streamed: resolves at the response headers
 * with a body to attach a sink to. An undici dispatch handler rather than undici's
 * `request()`: no Readable, no async resource, no promise per chunk between the
 * upstream's bytes and the client — and once the request is over, the handler lets
 * go of everything it was given, so nothing of a finished request stays reachable
 * from connection state that outlives it (the GC would otherwise keep and promote
 * the request's whole graph). `signal` aborts the request at any point.
 */
export function streamUpstream(dispatcher: Dispatcher, opts: Dispatcher.DispatchOptions, signal: AbortHandle): Promise<StreamHead> {
  return new Promise<StreamHead>((resolve, reject) => {
    dispatcher.dispatch(opts, new StreamHandler(resolve, reject, signal));
  });
}

class StreamHandler implements Dispatcher.DispatchHandler, UpstreamBody {
  private abortRequest: ((err: Error) => void) | null = null;
  private resumeUpstream: (() => void) | null = null;
  private onHead: ((head: StreamHead) => void) | null;
  private onHeadError: ((err: Error) => void) | null;
  private signal: AbortHandle | null;
  private sink: BodySink | null = null;
  /** Chunks that came while no sink was attached. */
  private waiting: Buffer[] = [];
  /** How the body ended while no sink was attached: 'end', an error, or not yet. */
  private ending: 'end' | Error | null = null;
  private paused = false;
  private done = false;
  private readonly onAbort = () => this.abortRequest?.(new AbortedError());

  constructor(resolve: (head: StreamHead) => void, reject: (err: Error) => void, signal: AbortHandle) {
    this.onHead = resolve;
    this.onHeadError = reject;
    this.signal = signal;
    signal.once('abort', this.onAbort);
  }

  // ---- undici's side ----

  onConnect(abort: (err?: Error) => void): void {
    if (this.signal?.aborted) abort(new AbortedError());
    else this.abortRequest = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    if (statusCode < 200) return true; // 1xx: informational, the answer follows
    this.resumeUpstream = resume;
    const onHead = this.onHead;
    this.onHead = this.onHeadError = null;
    onHead?.({ statusCode, headers: parseRawHeaders(rawHeaders), body: this });
    return !this.paused;
  }

  onData(chunk: Buffer): boolean {
    if (this.sink) this.sink.data(chunk);
    else this.waiting.push(chunk);
    return this.sink !== null && !this.paused;
  }

  onComplete(): void {
    this.finish('end');
  }

  onError(err: Error): void {
    if (this.onHeadError) {
      const reject = this.onHeadError;
      this.release();
      reject(err);
      return;
    }
    this.finish(err);
  }

  // ---- the proxy's side ----

  attach(sink: BodySink): void {
    this.sink = sink;
    const waiting = this.waiting;
    if (waiting.length > 0) {
      this.waiting = [];
      for (let i = 0; i < waiting.length; i++) {
        sink.data(waiting[i]);
        if (this.sink !== sink) {
          // The sink let go (or destroyed the body) mid-way: the rest waits for the next one.
          if (!this.done || this.ending !== null) this.waiting = waiting.slice(i + 1);
          return;
        }
      }
    }
    if (this.ending !== null) {
      const ending = this.ending;
      this.ending = null;
      this.deliver(ending);
    } else if (!this.paused && !this.done) {
      this.resumeUpstream?.();
    }
  }

  detach(): void {
    this.sink = null;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    if (this.sink && !this.done) this.resumeUpstream?.();
  }

  destroy(): void {
    this.sink = null;
    if (!this.done) this.abortRequest?.(new AbortedError());
    this.release();
    this.waiting = [];
    this.ending = null;
  }

  private finish(ending: 'end' | Error): void {
    if (this.done) return;
    this.done = true;
    if (this.sink) this.deliver(ending);
    else this.ending = ending;
    this.abortRequest = null;
    this.resumeUpstream = null;
    this.dropSignal();
  }

  private deliver(ending: 'end' | Error): void {
    const sink = this.sink!;
    // A finished body holds on to nothing: its last sink is let go before being told.
    this.sink = null;
    if (ending === 'end') sink.end();
    else sink.error(ending);
  }

  /** Lets go of everything from the request's side (see streamUpstream). */
  private release(): void {
    this.done = true;
    this.onHead = this.onHeadError = null;
    this.abortRequest = null;
    this.resumeUpstream = null;
    this.dropSignal();
  }

  private dropSignal(): void {
    this.signal?.off('abort', this.onAbort);
    this.signal = null;
  }
}
