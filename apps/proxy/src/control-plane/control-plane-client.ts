import { Pool, type Dispatcher } from 'undici';

export interface CpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * The proxy's side of the proxy-facing control-plane API (`/api/v1/proxy/*`,
 * proxy token). A keep-alive pool of its own, apart from the upstream pools.
 */
export class ControlPlaneClient {
  private readonly pool: Pool;
  private readonly base: string;

  constructor(
    readonly url: string,
    private readonly token: string | null,
  ) {
    const u = new URL(url);
    this.pool = new Pool(u.origin, { connections: 8, keepAliveTimeout: 30_000 });
    this.base = `${u.pathname.replace(/\/+$/, '')}/api/v1/proxy`;
  }

  private headers(extra?: Record<string, string>): Record<string, string> {
    const h: Record<string, string> = { accept: 'application/json', ...extra };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    return h;
  }

  async get(path: string, opts: { etag?: string | null; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<CpResponse> {
    const headers = this.headers(opts.etag ? { 'if-none-match': opts.etag } : undefined);
    return this.send({ method: 'GET', path: `${this.base}${path}`, headers }, opts.timeoutMs ?? 10_000, opts.signal);
  }

  async post(path: string, body: string, timeoutMs = 15_000, signal?: AbortSignal): Promise<CpResponse> {
    const headers = this.headers({ 'content-type': 'application/json' });
    return this.send({ method: 'POST', path: `${this.base}${path}`, headers, body }, timeoutMs, signal);
  }

  /** Opens a long-lived streaming GET (the policy SSE stream); the caller owns the body. */
  stream(path: string, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    return this.pool.request({ method: 'GET', path: `${this.base}${path}`, headers: this.headers({ accept: 'text/event-stream' }), signal });
  }

  private async send(opts: Dispatcher.RequestOptions, timeoutMs: number, signal?: AbortSignal): Promise<CpResponse> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error(`control plane did not answer within ${timeoutMs} ms`)), timeoutMs);
    const onOuter = () => abort.abort(signal?.reason);
    signal?.addEventListener('abort', onOuter, { once: true });
    try {
      const res = await this.pool.request({ ...opts, signal: abort.signal });
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers, text };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onOuter);
    }
  }

  close(): Promise<void> {
    return this.pool.destroy().catch(() => undefined);
  }
}
