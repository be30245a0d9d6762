import { Pool, type Dispatcher } from 'undici';
import { PROXY_ID_HEADER } from '@switchyard/contracts';

export interface CpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

interface Replica {
  url: string;
  pool: Pool;
  /** Path prefix of the proxy-facing API on this replica. */
  base: string;
}

/**
 * The proxy's side of the proxy-facing control-plane API (`/api/v1/proxy/*`,
 * proxy token). A keep-alive pool of its own per control-plane replica, apart from
 * the upstream pools. Every request names this proxy (x-switchyard-proxy-id), so the
 * control plane can hand it the version of its rollout cohort. With several replicas
 * (CONTROL_PLANE_URLS) a request that cannot reach one is tried on the next at once,
 * and the one that answered is used from then on.
 */
export class ControlPlaneClient {
  private readonly replicas: Replica[];
  private active = 0;

  constructor(
    urls: string | readonly string[],
    private readonly token: string | null,
    private readonly proxyId: string | null = null,
  ) {
    const list = typeof urls === 'string' ? [urls] : [...urls];
    if (list.length === 0) throw new Error('ControlPlaneClient needs at least one control-plane URL');
    this.replicas = list.map((url) => {
      const u = new URL(url);
      return { url, pool: new Pool(u.origin, { connections: 8, keepAliveTimeout: 30_000 }), base: `${u.pathname.replace(/\/+$/, '')}/api/v1/proxy` };
    });
  }

  /** The replica in use now. */
  get url(): string {
    return this.replicas[this.active].url;
  }

  private headers(extra?: Record<string, string>): Record<string, string> {
    const h: Record<string, string> = { accept: 'application/json', ...extra };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (this.proxyId) h[PROXY_ID_HEADER] = this.proxyId;
    return h;
  }

  async get(path: string, opts: { etag?: string | null; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<CpResponse> {
    const headers = this.headers(opts.etag ? { 'if-none-match': opts.etag } : undefined);
    return this.send({ method: 'GET', path, headers }, opts.timeoutMs ?? 10_000, opts.signal);
  }

  async post(path: string, body: string, timeoutMs = 15_000, signal?: AbortSignal): Promise<CpResponse> {
    const headers = this.headers({ 'content-type': 'application/json' });
    return this.send({ method: 'POST', path, headers, body }, timeoutMs, signal);
  }

  /** Opens a long-lived streaming GET (the policy SSE stream); the caller owns the body. */
  stream(path: string, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    const headers = this.headers({ accept: 'text/event-stream' });
    return this.onSomeReplica((r) => r.pool.request({ method: 'GET', path: `${r.base}${path}`, headers, signal }), signal);
  }

  private send(opts: Omit<Dispatcher.RequestOptions, 'path'> & { path: string }, timeoutMs: number, signal?: AbortSignal): Promise<CpResponse> {
    return this.onSomeReplica(async (r) => {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(new Error(`control plane did not answer within ${timeoutMs} ms`)), timeoutMs);
      const onOuter = () => abort.abort(signal?.reason);
      signal?.addEventListener('abort', onOuter, { once: true });
      try {
        const res = await r.pool.request({ ...opts, path: `${r.base}${opts.path}`, signal: abort.signal });
        const text = await res.body.text();
        return { status: res.statusCode, headers: res.headers, text };
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onOuter);
      }
    }, signal);
  }

  /**
   * Runs `call` on the active replica; when it fails without an HTTP answer (refused,
   * reset, timed out), on each other replica in turn. An HTTP error status is an
   * answer and is returned as is.
   */
  private async onSomeReplica<T>(call: (r: Replica) => Promise<T>, signal?: AbortSignal): Promise<T> {
    let lastError: unknown;
    for (let i = 0; i < this.replicas.length; i++) {
      const index = (this.active + i) % this.replicas.length;
      try {
        const result = await call(this.replicas[index]);
        this.active = index;
        return result;
      } catch (err) {
        lastError = err;
        if (signal?.aborted) throw err;
      }
    }
    throw lastError;
  }

  close(): Promise<void> {
    return Promise.all(this.replicas.map((r) => r.pool.destroy().catch(() => undefined))).then(() => undefined);
  }
}
