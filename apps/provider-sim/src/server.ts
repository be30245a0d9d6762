import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultConfig, mergeConfig, SimConfigError, validateConfigPatch, type FaultSettings, type SimConfig } from './config';
import { BadRequest, parseJsonObject, readBody, sendError, sendJson } from './http';
import { handleChat, handleEmbeddings, handleModels, type Exchange } from './routes';
import { SimState } from './state';
import { bump, snapshotStats, type SimStats } from './stats';

export type ProviderSimOptions = Partial<SimConfig> & { port?: number; host?: string };

export interface ProviderSim {
  /** Base URL ending in `/v1`, e.g. `http://127.0.0.1:41234/v1` (give it to an OpenAI client as baseURL). */
  url: string;
  port: number;
  /** Merges a patch into the live config (same rules as `POST /__sim/config`); throws SimConfigError on a bad value. */
  setConfig(patch: Partial<Omit<SimConfig, 'models'>> & { models?: Record<string, Partial<FaultSettings> | null> }): SimConfig;
  /** Back to the start-up config (and the start of its fault sequence). */
  resetConfig(): SimConfig;
  config(): SimConfig;
  stats(): SimStats;
  resetStats(): void;
  /** Stops listening and destroys open connections (hung requests included). */
  close(): Promise<void>;
}

const V1_PATHS = new Set(['/v1/chat/completions', '/v1/embeddings', '/v1/models']);

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return q === -1 ? raw : raw.slice(0, q);
}

function methodNotAllowed(res: ServerResponse, method: string | undefined, path: string): void {
  sendError(res, 405, `Method ${method ?? '?'} is not allowed on ${path}.`);
}

async function handleV1(state: SimState, req: IncomingMessage, res: ServerResponse, path: string, ex: Exchange): Promise<void> {
  const key = state.config.apiKey;
  if (key !== null && req.headers.authorization !== `Bearer ${key}`) {
    req.resume();
    sendError(res, 401, 'Incorrect API key provided (simulated provider).');
    return;
  }
  if (path === '/v1/chat/completions') {
    if (req.method !== 'POST') return methodNotAllowed(res, req.method, path);
    return handleChat(state, req, res, ex);
  }
  if (path === '/v1/embeddings') {
    if (req.method !== 'POST') return methodNotAllowed(res, req.method, path);
    return handleEmbeddings(state, req, res, ex);
  }
  if (req.method !== 'GET') return methodNotAllowed(res, req.method, path);
  if (path === '/v1/models') return handleModels(state, req, res, null);
  return handleModels(state, req, res, decodeURIComponent(path.slice('/v1/models/'.length)));
}

async function handleControl(state: SimState, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const method = req.method;
  if (path === '/__sim/config') {
    if (method === 'GET') return sendJson(res, 200, JSON.stringify(state.config));
    if (method === 'DELETE') return sendJson(res, 200, JSON.stringify(state.resetConfig()));
    if (method === 'POST' || method === 'PATCH') {
      const patch = parseJsonObject(await readBody(req));
      try {
        return sendJson(res, 200, JSON.stringify(state.setConfig(patch)));
      } catch (err) {
        if (err instanceof SimConfigError) throw new BadRequest(`Invalid simulator config: ${err.message}.`, err.field);
        throw err;
      }
    }
    return methodNotAllowed(res, method, path);
  }
  if (path === '/__sim/stats' && method === 'GET') return sendJson(res, 200, JSON.stringify(state.stats));
  if ((path === '/__sim/stats/reset' && method === 'POST') || (path === '/__sim/stats' && method === 'DELETE')) {
    state.resetStats();
    return sendJson(res, 200, JSON.stringify(state.stats));
  }
  req.resume();
  sendError(res, 404, `Unknown simulator control path ${method ?? '?'} ${path}.`);
}

function onRequest(state: SimState, req: IncomingMessage, res: ServerResponse): void {
  const path = pathOf(req.url);
  let work: Promise<void>;
  if (path.startsWith('/__sim/')) {
    work = handleControl(state, req, res, path);
  } else if (path === '/health') {
    req.resume();
    sendJson(res, 200, '{"status":"ok"}');
    return;
  } else {
    const isV1 = V1_PATHS.has(path) || path.startsWith('/v1/models/');
    const stats = state.stats;
    stats.requests.total++;
    stats.inFlight++;
    bump(stats.requests.byPath, isV1 ? path : 'other');
    const ex: Exchange = { streaming: false, cut: false };
    res.once('close', () => {
      // Read state.stats now, not the captured object: stats may have been reset meanwhile.
      const st = state.stats;
      st.inFlight--;
      if (res.headersSent) bump(st.requests.byStatus, String(res.statusCode));
      if (res.writableFinished) {
        if (ex.streaming) st.streams.completed++;
      } else if (ex.cut) {
        st.streams.cut += ex.streaming ? 1 : 0;
      } else {
        st.requests.aborted++;
        if (ex.streaming) st.streams.aborted++;
      }
    });
    if (!isV1) {
      req.resume();
      sendError(res, 404, `Unknown path ${req.method ?? '?'} ${path}. The simulator serves /v1/chat/completions, /v1/embeddings and /v1/models.`);
      return;
    }
    work = handleV1(state, req, res, path, ex);
  }
  work.catch((err: unknown) => {
    if (res.headersSent || res.destroyed) return;
    if (err instanceof BadRequest) {
      sendError(res, err.status, err.message, err.param, undefined, err.code);
      return;
    }
    sendError(res, 500, `Simulator failure: ${err instanceof Error ? err.message : String(err)}`);
  });
}

/** Starts the simulated OpenAI-compatible provider; `port: 0` (tests) picks a free port. */
export async function startProviderSim(options: ProviderSimOptions = {}): Promise<ProviderSim> {
  const { port = 8090, host = '127.0.0.1', ...rest } = options;
  const state = new SimState(mergeConfig(defaultConfig(), validateConfigPatch(rest)));
  const server: Server = createServer((req, res) => onRequest(state, req, res));
  // Longer than typical client pools keep idle sockets (undici: 4 s), so a reused socket is never closed under a request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}/v1`,
    port: address.port,
    setConfig: (patch) => state.setConfig(patch),
    resetConfig: () => state.resetConfig(),
    config: () => state.config,
    stats: () => snapshotStats(state.stats),
    resetStats: () => state.resetStats(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
