import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpenAIErrorBody } from '@switchyard/contracts';

/** Larger bodies get a 413, like a real provider's request limit. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const JSON_TYPE = 'application/json';

export function sendJson(res: ServerResponse, status: number, body: string, extra?: Record<string, string>): void {
  const headers: Record<string, string | number> = { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body) };
  if (extra) Object.assign(headers, extra);
  res.writeHead(status, headers);
  res.end(body);
}

const TYPE_BY_STATUS: Record<number, [type: string, code: string | null]> = {
  400: ['invalid_request_error', null],
  401: ['invalid_request_error', 'invalid_api_key'],
  403: ['permission_error', null],
  404: ['invalid_request_error', 'not_found'],
  408: ['timeout', null],
  409: ['conflict_error', null],
  413: ['invalid_request_error', 'request_too_large'],
  422: ['invalid_request_error', null],
  429: ['requests', 'rate_limit_exceeded'],
};

export function errorBody(status: number, message: string, param: string | null = null, code?: string | null): string {
  const [type, defaultCode] = TYPE_BY_STATUS[status] ?? (status >= 500 ? ['server_error', null] : ['invalid_request_error', null]);
  const body: OpenAIErrorBody = { error: { message, type, param, code: code === undefined ? defaultCode : code } };
  return JSON.stringify(body);
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  param: string | null = null,
  extra?: Record<string, string>,
  code?: string | null,
): void {
  sendJson(res, status, errorBody(status, message, param, code), extra);
}

/** A request the simulator refuses with a 4xx; `param` names the offending field. */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly param: string | null = null,
    readonly status = 400,
    readonly code?: string | null,
  ) {
    super(message);
  }
}

/** Reads the whole body (bounded); rejects with a 413 BadRequest when too large. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BadRequest(`Request body is larger than ${MAX_BODY_BYTES} bytes.`, null, 413));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

/** Parses a JSON object body or throws a 400 saying what is wrong. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) throw new BadRequest('The request body is empty; send a JSON object.');
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BadRequest('We could not parse the JSON body of your request. Send valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadRequest('The request body must be a JSON object.');
  return value as Record<string, unknown>;
}
