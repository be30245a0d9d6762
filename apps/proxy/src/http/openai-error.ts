import type { ServerResponse } from 'node:http';
import type { OpenAIErrorBody } from '@switchyard/contracts';

/**
 * An error answered in OpenAI's shape, so every OpenAI SDK raises its usual typed
 * exception (BadRequestError, AuthenticationError, NotFoundError, ...).
 */
export class ProxyError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
  }

  body(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const errors = {
  badRequest: (message: string, param: string | null = null, code: string | null = null) => new ProxyError(400, message, 'invalid_request_error', param, code),
  unauthorized: (message: string) => new ProxyError(401, message, 'invalid_request_error', null, 'invalid_api_key'),
  notFound: (message: string, param: string | null, code: string) => new ProxyError(404, message, 'invalid_request_error', param, code),
  tooLarge: (limit: number) =>
    new ProxyError(413, `Request body is larger than the proxy's limit of ${limit} bytes.`, 'invalid_request_error', null, 'request_too_large'),
  /** `reason` is the control plane's sentence (it names the team, the budget and what to do). */
  blocked: (team: string, reason: string) =>
    new ProxyError(429, reason || `Team '${team}' has spent its budget; requests are refused until an admin raises it.`, 'insufficient_quota', null, 'budget_exceeded'),
  notReady: () => new ProxyError(503, 'The proxy has no routing policy yet; it is waiting for the control plane.', 'service_unavailable', null, 'policy_not_loaded'),
  methodNotAllowed: (method: string, path: string) => new ProxyError(405, `${method} is not allowed on ${path}.`, 'invalid_request_error', null, 'method_not_allowed'),
  routeNotFound: (path: string) => new ProxyError(404, `Unknown path ${path}. This proxy serves /v1/chat/completions, /v1/embeddings and /v1/models.`, 'invalid_request_error', null, 'unknown_url'),
};

/** Sends an error body; `extra` carries the x-switchyard-* headers known so far. */
export function sendError(res: ServerResponse, err: ProxyError, extra?: Record<string, string>): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(err.body());
  res.writeHead(err.status, { ...extra, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: Buffer | string, headers?: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
