/**
 * Exponential backoff with full jitter: after n failures, wait a random time up to
 * min(max, base·2ⁿ), so a fleet of proxies does not reconnect in lock-step when the
 * control plane comes back.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly baseMs = 500,
    private readonly maxMs = 30_000,
    private readonly rand: () => number = Math.random,
  ) {}

  next(): number {
    const cap = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    return Math.max(50, Math.round(this.rand() * cap));
  }

  reset(): void {
    this.failures = 0;
  }
}

/** setTimeout as a promise that an AbortSignal ends early. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
