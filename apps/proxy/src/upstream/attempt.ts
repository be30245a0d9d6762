import type { IncomingHttpHeaders } from 'node:http';
import type { TokenCounts } from '@switchyard/pricing';
import type { UpstreamFailure } from '@switchyard/routing';
import { mapUsage } from '../providers/openai/usage';
import { sniffUsage } from '../providers/openai/usage-sniff';
import type { CompiledModel } from '../policy/compiled-policy';
import type { UpstreamPools } from './upstream-pools';
import { AbortHandle, type CancelSignal } from './abort-handle';
import { collect } from './collect';
import { firstEvent } from './first-event';
import { streamUpstream, type BodySink, type UpstreamBody } from './upstream-stream';

/** A 2xx from upstream. Non-streaming: the whole body. Streaming: the first chunk and the rest of the body. */
export type AttemptSuccess =
  | {
      ok: true;
      stream: false;
      status: number;
      headers: IncomingHttpHeaders;
      payload: Buffer;
      /** Token counts the upstream reported; null when it reported none. */
      usage: TokenCounts | null;
      /**
       * The parsed body. Parsed on first read (the proxy itself reads only `usage`, cut
       * out of the bytes); a body whose usage was found but that does not parse as a
       * whole reads as `{}`.
       */
      readonly json: Record<string, unknown>;
    }
  | { ok: true; stream: true; status: number; headers: IncomingHttpHeaders; first: Buffer; body: UpstreamBody; abort: AbortHandle };

export interface AttemptFailure {
  ok: false;
  failure: UpstreamFailure;
  /** Upstream status, when it answered. */
  status: number | null;
  message: string;
  /** For an answered error: its body and content type (passed to the client for non-retryable 4xx). */
  payload?: Buffer;
  contentType?: string;
  /** The client went away during the attempt. */
  clientGone: boolean;
}

export type AttemptResult = AttemptSuccess | AttemptFailure;

const TIMEOUT = Symbol('timeout');
const MAX_ERROR_BODY = 64 * 1024;

/**
 * One request to one upstream model. The attempt's timer covers connecting and the
 * response headers, plus the whole body for a non-streaming answer or the first event
 * for a stream — until then nothing reached the client and another model may still be
 * tried. `client` aborts it when the client goes away.
 */
export async function attemptUpstream(
  pools: UpstreamPools,
  model: CompiledModel,
  requestBody: string,
  stream: boolean,
  timeoutMs: number,
  client: CancelSignal,
  /** Longest silence allowed between body chunks once the attempt succeeded (streams): the full attempt timeout, not what is left of the budget. */
  idleTimeoutMs: number = timeoutMs,
): Promise<AttemptResult> {
  if (client.aborted) return gone();
  const abort = new AbortHandle();
  const onClientGone = () => abort.abort();
  client.once('abort', onClientGone);
  const timer = setTimeout(() => abort.abort(TIMEOUT), timeoutMs);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' };
  if (model.authorization) headers.authorization = model.authorization;
  let body: UpstreamBody | null = null;
  try {
    if (!stream) return await attemptWhole(pools, model, headers, requestBody, timeoutMs, abort);
    // bodyTimeout: a stream that stalls after its first event (nothing for as long as an attempt may take) is cut,
    // and the client's stream ends with an error event instead of hanging (the pool sets no body timeout).
    const head = await streamUpstream(pools.get(model.origin), { method: 'POST', path: model.path, headers, body: requestBody, bodyTimeout: Math.max(timeoutMs, idleTimeoutMs) }, abort);
    body = head.body;
    const { statusCode, headers: resHeaders } = head;
    if (statusCode < 200 || statusCode >= 300) return failedStatus(statusCode, resHeaders, await readAll(body, MAX_ERROR_BODY));
    const got = await firstEvent(body);
    if (!got.ok) return { ok: false, failure: got.failure, status: statusCode, message: got.message, clientGone: false };
    return { ok: true, stream: true, status: statusCode, headers: resHeaders, first: got.first, body, abort };
  } catch (err) {
    body?.destroy();
    if (client.aborted) return gone();
    if (abort.reason === TIMEOUT) return { ok: false, failure: { kind: 'timeout' }, status: null, message: `no answer within ${timeoutMs} ms`, clientGone: false };
    return { ok: false, failure: { kind: 'connection' }, status: null, message: connectionMessage(err), clientGone: false };
  } finally {
    clearTimeout(timer);
    client.off('abort', onClientGone);
  }
}

function gone(): AttemptFailure {
  return { ok: false, failure: { kind: 'connection' }, status: null, message: 'the client closed the connection', clientGone: true };
}

/** A non-streaming attempt: the whole answer, then its usage (cut out of the bytes where OpenAI puts it). */
async function attemptWhole(pools: UpstreamPools, model: CompiledModel, headers: Record<string, string>, body: string, timeoutMs: number, abort: AbortHandle): Promise<AttemptResult> {
  const { statusCode, headers: resHeaders, payload } = await collect(
    pools.get(model.origin),
    { method: 'POST', path: model.path, headers, body, bodyTimeout: timeoutMs },
    abort,
    MAX_ERROR_BODY,
  );
  if (statusCode < 200 || statusCode >= 300) return failedStatus(statusCode, resHeaders, payload);
  // Usage is cut out of the body when it is where OpenAI puts it; otherwise the body is parsed once,
  // and a 200 that is not a JSON object is a failed attempt (next fallback).
  const sniffed = sniffUsage(payload);
  if (sniffed) {
    let parsed: Record<string, unknown> | null = null;
    return {
      ok: true,
      stream: false,
      status: statusCode,
      headers: resHeaders,
      payload,
      usage: sniffed,
      get json() {
        return (parsed ??= parseObject(payload) ?? {});
      },
    };
  }
  const json = parseObject(payload);
  if (json === null) {
    return { ok: false, failure: { kind: 'status', status: 502 }, status: statusCode, message: `the upstream answered ${statusCode} with a body that is not a JSON object`, clientGone: false };
  }
  return { ok: true, stream: false, status: statusCode, headers: resHeaders, payload, usage: mapUsage(json.usage), json };
}

/** An answered failure: its status, message and (for the client, if it is a 4xx it gets) body. */
function failedStatus(statusCode: number, headers: IncomingHttpHeaders, payload: Buffer): AttemptFailure {
  return {
    ok: false,
    failure: { kind: 'status', status: statusCode },
    status: statusCode,
    message: errorMessage(payload, statusCode),
    payload,
    contentType: String(headers['content-type'] ?? 'application/json'),
    clientGone: false,
  };
}

/** An error answer's body, up to `limit` bytes of it (the rest is read and dropped). */
function readAll(body: UpstreamBody, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => body.attach(new ReadAllSink(limit, resolve, reject)));
}

class ReadAllSink implements BodySink {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly limit: number,
    private readonly resolve: (b: Buffer) => void,
    private readonly reject: (err: Error) => void,
  ) {}

  data(chunk: Buffer): void {
    if (this.size < this.limit) this.chunks.push(chunk);
    this.size += chunk.length;
  }

  end(): void {
    this.resolve(this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks));
  }

  error(err: Error): void {
    this.reject(err);
  }
}

function parseObject(payload: Buffer): Record<string, unknown> | null {
  try {
    const v = JSON.parse(payload.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The `error.message` of an OpenAI-shaped error body, else the start of the body. */
function errorMessage(payload: Buffer, status: number): string {
  const text = payload.toString('utf8');
  try {
    const m = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof m === 'string' && m !== '') return m;
  } catch {
    // not JSON: fall through to the raw text
  }
  const raw = text.trim().slice(0, 300);
  return raw === '' ? `HTTP ${status}` : raw;
}

function connectionMessage(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? e.code;
  const msg = e.cause?.message ?? e.message ?? String(err);
  return code ? `${code}: ${msg}` : msg;
}
