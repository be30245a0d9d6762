import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { KeyStore } from './auth/key-store';
import { TeamLimits } from './auth/team-limits';
import { createResponseCache } from './cache/create-cache';
import { noopCache, type ResponseCache } from './cache/response-cache';
import { resolveProxyConfig, type ProxyConfig, type ProxyConfigInput } from './config/proxy-config';
import { ControlPlaneClient } from './control-plane/control-plane-client';
import { FleetReporter } from './control-plane/fleet-reporter';
import { errors } from './http/openai-error';
import { createLogger } from './logger';
import { ProxyMetrics } from './metrics/proxy-metrics';
import { registerShadowMetrics } from './metrics/shadow-metrics';
import { PolicyStore } from './policy/policy-store';
import { PolicySync } from './policy/policy-sync';
import { handleChatCompletions } from './routes/chat-completions';
import { handleEmbeddings } from './routes/embeddings';
import { handleHealthz } from './routes/healthz';
import { handleMetrics } from './routes/metrics';
import { handleModels } from './routes/models';
import { failEarly, finishRequest } from './routes/request-kit';
import type { ProxyServices } from './services';
import { ReviewPairShipper } from './shadow/review-pair-shipper';
import { DEFAULT_SHADOW_OPTIONS, ShadowSampler, type ShadowOptions, type ShadowStats } from './shadow/shadow-sampler';
import { BreakerRegistry } from './upstream/breakers';
import { UpstreamPools } from './upstream/upstream-pools';
import { UsageShipper } from './usage/usage-shipper';
import { UsageSpool } from './usage/usage-spool';

export { tuneProxyProcess } from './process-tuning';

type Handler = (req: IncomingMessage, res: ServerResponse, svc: ProxyServices) => void | Promise<void>;

/** The route table. Paths are also served without `/v1` for clients configured with a bare base URL. */
const ROUTES = new Map<string, Handler>([
  ['POST /v1/chat/completions', handleChatCompletions],
  ['POST /v1/embeddings', handleEmbeddings],
  ['GET /v1/models', handleModels],
  ['POST /chat/completions', handleChatCompletions],
  ['POST /embeddings', handleEmbeddings],
  ['GET /models', handleModels],
  ['GET /healthz', handleHealthz],
  ['GET /metrics', handleMetrics],
]);
const KNOWN_PATHS = new Set([...ROUTES.keys()].map((k) => k.slice(k.indexOf(' ') + 1)));

export interface ProxyHandle {
  url: string;
  port: number;
  config: ProxyConfig;
  /** Version of the live policy, null before one is loaded. */
  policyVersion(): number | null;
  /** Sends (or spools) every buffered usage event now. */
  flushUsage(): Promise<void>;
  /** Usage events waiting in the local spool. */
  spooledEvents(): number;
  /** Stops taking connections, lets requests in flight finish, ships their usage. */
  drain(timeoutMs?: number): Promise<void>;
  /** drain(), then closes everything (sockets still open are cut). */
  close(): Promise<void>;
  /** Shadow sampling counters (issue 9). */
  shadowStats(): ShadowStats;
}

export interface StartProxyOptions {
  /** The response cache (issue 5); by default the configured one (`cacheEnabled`), else none. */
  cache?: ResponseCache;
  /** Shadow sampling limits (issue 9): comparison calls in flight, queue cap, timeout. */
  shadow?: Partial<ShadowOptions>;
}

/**
 * Starts a proxy: last good policy and keys from disk (or the configured files), the
 * HTTP server, then — with a control plane — policy sync, heartbeats and usage
 * shipping. Resolves once it listens; `/healthz` says when a policy is loaded.
 */
export async function startProxy(input: ProxyConfigInput | ProxyConfig = {}, options: StartProxyOptions = {}): Promise<ProxyHandle> {
  // A full config (from loadProxyConfig) passes through unchanged; a partial one gets defaults.
  const config = resolveProxyConfig(input);
  const log = createLogger(config.logLevel, config.proxyId);
  await mkdir(config.dataDir, { recursive: true });

  const policies = new PolicyStore(config.dataDir, config.providerKey, log);
  const keys = new KeyStore(config.dataDir, log);
  if (!(config.policyFile && (await policies.loadFrom(config.policyFile, 'file')))) await policies.loadFrom(policies.diskPath, 'disk');
  if (!(config.keysFile && (await keys.loadFrom(config.keysFile, 'file')))) await keys.loadFrom(keys.diskPath, 'disk');

  const cp = config.controlPlaneUrl ? new ControlPlaneClient(config.controlPlaneUrls, config.proxyToken, config.proxyId) : null;
  const spool = new UsageSpool(config.dataDir, log);
  await spool.init();
  const metrics = new ProxyMetrics();
  const usage = new UsageShipper(cp, spool, { batchSize: config.usageBatchSize, flushMs: config.usageFlushMs, dataDir: config.dataDir, onShipped: (n) => metrics.shippedEvents.inc(n) }, log);
  const pools = new UpstreamPools(config.upstreamConnections);
  const breakers = new BreakerRegistry();
  const svc: ProxyServices = {
    config,
    log,
    policies,
    keys,
    limits: new TeamLimits(),
    pools,
    breakers,
    metrics,
    usage,
    cache: options.cache ?? noopCache,
    dispatchDeps: { pools, breakers, onAttempt: (b, m, o) => metrics.recordAttempt(b, m, o) },
    shadow: new ShadowSampler(
      { pools, proxyId: config.proxyId, pushUsage: (e) => usage.push(e), pairs: new ReviewPairShipper(cp, { batchSize: 100, flushMs: config.usageFlushMs, maxBuffered: 1000 }, log), log },
      { ...DEFAULT_SHADOW_OPTIONS, ...options.shadow },
    ),
  };
  registerShadowMetrics(metrics.registry, () => svc.shadow.stats());
  if (!options.cache && config.cacheEnabled) {
    svc.cache = createResponseCache({ config, log, pools, registry: metrics.registry, report: (r) => finishRequest(svc, r) });
  }

  let inFlight = 0;
  let idle: (() => void) | null = null;
  const lifecycle = { draining: false };
  const handlers = new Set<Promise<void>>();
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    inFlight++;
    res.once('close', () => {
      if (--inFlight === 0 && idle) idle();
    });
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (lifecycle.draining) {
      // A request on a connection opened before the drain is still served, but the
      // connection closes after it, and load balancers see the proxy going away.
      res.setHeader('connection', 'close');
      if (path === '/healthz') return void res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"draining"}');
    }
    const handler = ROUTES.get(`${req.method} ${path}`);
    if (!handler) {
      req.resume();
      failEarly(svc, res, KNOWN_PATHS.has(path) ? errors.methodNotAllowed(req.method ?? '?', path) : errors.routeNotFound(path));
      return;
    }
    try {
      const done = handler(req, res, svc);
      if (done) {
        const settled = done.catch((err: unknown) => failEarly(svc, res, err));
        // Tracked so that close() can wait for handlers it cut off to record their usage.
        handlers.add(settled);
        void settled.then(() => handlers.delete(settled));
      }
    } catch (err) {
      failEarly(svc, res, err);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let sync: PolicySync | null = null;
  let reporter: FleetReporter | null = null;
  if (cp) {
    sync = new PolicySync(cp, policies, keys, svc.limits, log);
    reporter = new FleetReporter(cp, config, { policies, sync, usage, limits: svc.limits }, log);
    sync.start();
    reporter.start();
  }
  usage.start();
  log.info('proxy listening', { url, policyVersion: policies.current?.version ?? null, controlPlane: config.controlPlaneUrl });

  let draining: Promise<void> | null = null;
  const drain = (timeoutMs = config.drainTimeoutMs): Promise<void> => {
    draining ??= (async () => {
      lifecycle.draining = true;
      // Stops listening and closes idle keep-alive connections; requests and streams in flight go on.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => (idle = resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
        ]);
      }
      server.closeIdleConnections();
      await reporter?.stop();
      await sync?.stop();
      // Comparison calls still running are aborted; their evaluation events go out with the last usage batch.
      await svc.shadow.close();
      await usage.stop();
      await Promise.all([policies.flush(), keys.flush()]);
      void closed;
    })();
    return draining;
  };

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    config,
    policyVersion: () => policies.current?.version ?? null,
    flushUsage: () => usage.flush(),
    spooledEvents: () => usage.spooled,
    shadowStats: () => svc.shadow.stats(),
    drain,
    close: () =>
      (closing ??= (async () => {
        await drain(2_000);
        server.closeAllConnections();
        // Requests cut off just now still bill what they generated: let their handlers
        // unwind (briefly) and ship those last usage events too.
        await Promise.race([Promise.allSettled([...handlers]), new Promise((r) => setTimeout(r, 1_000).unref())]);
        await usage.flush();
        await svc.pools.close();
        await svc.cache.close?.();
        await cp?.close();
      })()),
  };
}
