import { EventEmitter } from 'node:events';

/**
 * A cancellation signal built on EventEmitter. undici accepts it wherever it takes
 * an AbortSignal, and it costs a fraction of an AbortController + EventTarget
 * listener (which showed up in the proxy's per-request profile).
 */
export class AbortHandle extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

/** What an upstream attempt needs from its caller's side: whether it gave up, and a listener. */
export interface CancelSignal {
  readonly aborted: boolean;
  once(event: 'abort', listener: () => void): unknown;
  off(event: 'abort', listener: () => void): unknown;
}

/**
 * The client side of one request, watched without an EventEmitter: attempts run one
 * after another, so one listener slot is enough (saves an emitter per request).
 */
export class ClientWatch implements CancelSignal {
  aborted = false;
  private listener: (() => void) | null = null;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const l = this.listener;
    this.listener = null;
    l?.();
  }

  once(_event: 'abort', listener: () => void): this {
    this.listener = listener;
    return this;
  }

  off(_event: 'abort', listener: () => void): this {
    if (this.listener === listener) this.listener = null;
    return this;
  }
}
