import type { TeamLimits } from './auth/team-limits';
import type { KeyStore } from './auth/key-store';
import type { ResponseCache } from './cache/response-cache';
import type { ProxyConfig } from './config/proxy-config';
import type { Logger } from './logger';
import type { ProxyMetrics } from './metrics/proxy-metrics';
import type { PolicyStore } from './policy/policy-store';
import type { ShadowSampler } from './shadow/shadow-sampler';
import type { BreakerRegistry } from './upstream/breakers';
import type { DispatchDeps } from './upstream/dispatch';
import type { UpstreamPools } from './upstream/upstream-pools';
import type { UsageShipper } from './usage/usage-shipper';

/** What request handlers use; built once by `startProxy`. */
export interface ProxyServices {
  config: ProxyConfig;
  log: Logger;
  policies: PolicyStore;
  keys: KeyStore;
  limits: TeamLimits;
  pools: UpstreamPools;
  breakers: BreakerRegistry;
  metrics: ProxyMetrics;
  usage: UsageShipper;
  cache: ResponseCache;
  /** What `dispatch` needs, built once (not per request). */
  dispatchDeps: DispatchDeps;
  /** Shadow sampling for blind review (issue 9); offered each successful chat answer. */
  shadow: ShadowSampler;
}
