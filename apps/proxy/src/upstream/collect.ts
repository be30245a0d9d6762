import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { AbortHandle } from './abort-handle';

/** A whole upstream answer, read into memory. */
export interface Collected {
  statusCode: number;
  headers: IncomingHttpHeaders;
  /** The body; for a status outside 2xx, at most `errorBodyLimit` bytes of it. */
  payload: Buffer;
}

/**
 * One upstream request whose answer is read whole (every non-streaming attempt).
 * An undici dispatch handler straight into a chunk list: undici's `request()` would
 * add a Readable stream, an async-hooks resource and a header object per request,
 * all on the path between the upstream's last byte and the client's first — the
 * proxy's added latency. `signal` aborts the request at any point.
 */
export function collect(dispatcher: Dispatcher, opts: Dispatcher.DispatchOptions, signal: AbortHandle, errorBodyLimit: number): Promise<Collected> {
  return new Promise<Collected>((resolve, reject) => {
    dispatcher.dispatch(opts, new CollectHandler(resolve, reject, signal, errorBodyLimit));
  });
}

/** The error an aborted upstream request fails with. */
export class AbortedError extends Error {
  constructor() {
    super('the request was aborted');
    this.name = 'AbortError';
  }
}

/** undici's handler interface (onConnect … onComplete/onError), one object per request. */
class CollectHandler implements Dispatcher.DispatchHandler {
  private abortRequest: ((err: Error) => void) | null = null;
  private statusCode = 0;
  private rawHeaders: Buffer[] = [];
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private limit = Infinity;
  private settled = false;
  private readonly onAbort = () => this.abortRequest?.(new AbortedError());

  constructor(
    private readonly resolve: (c: Collected) => void,
    private readonly reject: (err: Error) => void,
    private readonly signal: AbortHandle,
    private readonly errorBodyLimit: number,
  ) {
    signal.once('abort', this.onAbort);
  }

  onConnect(abort: (err?: Error) => void): void {
    if (this.signal.aborted) abort(new AbortedError());
    else this.abortRequest = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    if (statusCode < 200) return true; // 1xx: informational, the answer follows
    this.statusCode = statusCode;
    this.rawHeaders = rawHeaders;
    if (statusCode >= 300) this.limit = this.errorBodyLimit;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.size < this.limit) this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }

  onComplete(): void {
    if (this.settle()) return;
    const c = this.chunks;
    this.resolve({ statusCode: this.statusCode, headers: parseRawHeaders(this.rawHeaders), payload: c.length === 1 ? c[0] : Buffer.concat(c) });
  }

  onError(err: Error): void {
    if (this.settle()) return;
    this.reject(err);
  }

  /** Marks the request done; true when it already was. */
  private settle(): boolean {
    if (this.settled) return true;
    this.settled = true;
    this.signal.off('abort', this.onAbort);
    return false;
  }
}

/** undici's raw header list → Node's header object: lower-case names, repeated ones as arrays (set-cookie) or joined. */
export function parseRawHeaders(raw: Buffer[]): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toString('latin1').toLowerCase();
    const value = raw[i + 1].toString('latin1');
    const prev = out[name];
    if (prev === undefined) out[name] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[name] = name === 'set-cookie' ? [prev, value] : `${prev}, ${value}`;
  }
  return out;
}
