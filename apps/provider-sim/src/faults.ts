import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { FAULT_FIELDS, SimConfigError, parseFaultValue, type FaultSettings, type SimConfig } from './config';
import { BadRequest, errorBody } from './http';
import type { Rng } from './random';
import { bump, type SimStats } from './stats';

/** `x-sim-ttft-ms`, `x-sim-ttftms` and `X-Sim-TtftMs` all name `ttftMs`. */
const HEADER_KEYS = new Map<string, keyof FaultSettings>(
  (Object.keys(FAULT_FIELDS) as Array<keyof FaultSettings>).map((key) => [key.toLowerCase(), key]),
);

function headerOverrides(headers: IncomingHttpHeaders): Partial<FaultSettings> | null {
  let out: Partial<FaultSettings> | null = null;
  for (const name in headers) {
    if (!name.startsWith('x-sim-')) continue;
    const key = HEADER_KEYS.get(name.slice(6).replace(/-/g, ''));
    if (!key) throw new BadRequest(`Unknown simulator header "${name}". Known: ${[...HEADER_KEYS.values()].join(', ')}.`, name);
    const raw = headers[name];
    try {
      (out ??= {} as Partial<FaultSettings>)[key] = parseFaultValue(key, Array.isArray(raw) ? raw[0] : raw, name) as never;
    } catch (err) {
      if (err instanceof SimConfigError) throw new BadRequest(`Invalid header ${err.message}.`, name);
      throw err;
    }
  }
  return out;
}

/**
 * The settings for one request: global config, then the model's override, then
 * `x-sim-*` headers. Without overrides this returns the config object itself (no allocation).
 */
export function resolveSettings(config: SimConfig, model: string | null, headers: IncomingHttpHeaders): FaultSettings {
  const perModel = model === null ? undefined : config.models[model];
  const perRequest = headerOverrides(headers);
  if (!perModel && !perRequest) return config;
  return { ...config, ...perModel, ...perRequest };
}

export interface ErrorFault {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/**
 * The faults decided before any answer: `hang`, a forced status, a 429, a 500.
 * Random draws happen only when a rate is set, so fault-free runs never move the PRNG.
 */
export function decideFault(s: FaultSettings, rng: Rng, stats: SimStats): 'hang' | ErrorFault | null {
  if (s.hang) {
    bump(stats.faults, 'hang');
    return 'hang';
  }
  if (s.status !== 0) {
    bump(stats.faults, 'status');
    const headers = s.status === 429 ? { 'retry-after': String(s.retryAfterSeconds) } : undefined;
    return { status: s.status, body: errorBody(s.status, `Simulated upstream error (forced status ${s.status}).`), headers };
  }
  if (s.rate429 > 0 && rng() < s.rate429) {
    bump(stats.faults, 'rate429');
    return {
      status: 429,
      body: errorBody(429, 'Rate limit reached for requests (simulated). Retry after the time in retry-after.'),
      headers: { 'retry-after': String(s.retryAfterSeconds), 'x-ratelimit-remaining-requests': '0' },
    };
  }
  if (s.errorRate > 0 && rng() < s.errorRate) {
    bump(stats.faults, 'error');
    return { status: 500, body: errorBody(500, 'The server had an error while processing your request (simulated).') };
  }
  return null;
}

/** Waits `ms` unless the client goes away first; resolves true when the response is still open. */
export function waitOpen(res: ServerResponse, ms: number): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}

/**
 * Sends a complete JSON body, or the body a fault asks for instead: `garbage`
 * (200, not JSON), `truncatedJson` (200, first half), `cutAfterChunks` (half, then the
 * socket is destroyed). Returns true when the socket was cut on purpose.
 */
export function sendJsonWithFaults(res: ServerResponse, body: string, s: FaultSettings, stats: SimStats): boolean {
  if (s.garbage) {
    bump(stats.faults, 'garbage');
    body = '<html><body>502 Bad Gateway — this is not JSON (simulated garbage)</body></html>';
  } else if (s.truncatedJson) {
    bump(stats.faults, 'truncatedJson');
    body = body.slice(0, Math.floor(body.length / 2));
  } else if (s.cutAfterChunks >= 0) {
    bump(stats.faults, 'cut');
    const full = Buffer.from(body);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': full.length });
    res.write(full.subarray(0, full.length >> 1), () => res.destroy());
    return true;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
  return false;
}
