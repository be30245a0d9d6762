import { ApiError, errorFromResponse } from './api-error';

export interface ApiClientOptions {
  /**
   * Where the API lives, up to and including `/api/v1`: `/api/v1` in the browser
   * (same origin), `http://127.0.0.1:3000/api/v1` from Node.
   */
  baseUrl: string;
  /** The bearer token, or a function read on every call (so a login takes effect at once). */
  token?: string | null | (() => string | null | undefined);
  /** Defaults to the global fetch (browsers, Node ≥ 18). */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Called with every 401, e.g. to send the user back to the login page. */
  onUnauthorized?: (error: ApiError) => void;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Http {
  json<T>(method: HttpMethod, path: string, body?: unknown): Promise<T>;
  text(method: HttpMethod, path: string): Promise<string>;
  url(path: string): string;
}

export function createHttp(options: ApiClientOptions): Http {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));

  const readToken = () => (typeof options.token === 'function' ? options.token() : options.token) ?? null;

  async function send(method: HttpMethod, path: string, body: unknown, accept: string): Promise<string> {
    const headers: Record<string, string> = { accept };
    const token = readToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new ApiError(0, `Could not reach the control plane (${reason}). Check that it is running and try again.`);
    }
    const text = await res.text();
    if (!res.ok) {
      const error = errorFromResponse(res.status, res.statusText, text);
      if (error.isUnauthorized) options.onUnauthorized?.(error);
      throw error;
    }
    return text;
  }

  return {
    async json<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
      const text = await send(method, path, body, 'application/json');
      // 204 No Content (deletes, revokes) has no body.
      return (text ? JSON.parse(text) : undefined) as T;
    },
    text(method: HttpMethod, path: string): Promise<string> {
      return send(method, path, undefined, 'text/csv, text/plain, */*');
    },
    url(path: string): string {
      return base + path;
    },
  };
}
