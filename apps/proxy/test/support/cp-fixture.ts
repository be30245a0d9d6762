import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { AppConfig } from '../../../control-plane/src/core/config/config';
import { startControlPlane, type ControlPlaneHarness } from '../../../control-plane/test/support/control-plane.harness';
import { startProviderSim, type ProviderSim } from '../../../provider-sim/src';
import { startProxy, type ProxyHandle } from '../../src/server';
import type { ProxyConfigInput } from '../../src/config/proxy-config';

export { eventually } from './eventually';

export interface CpFixture {
  sim: ProviderSim;
  cp: ControlPlaneHarness;
  /** A fresh folder for proxy state (policy, keys, spool). */
  newDataDir(): string;
  /** A proxy synced with the control plane (or pointed at `controlPlaneUrl`). */
  startProxy(overrides?: ProxyConfigInput): Promise<ProxyHandle>;
  client(proxy: ProxyHandle, key: string): OpenAI;
  close(): Promise<void>;
}

/**
 * A real control plane (fresh database, catalog seeded with every provider pointed at
 * the simulated provider, starter policy published as version 1) and the simulator.
 */
export async function startCpFixture(config: Partial<AppConfig> = {}): Promise<CpFixture> {
  const sim = await startProviderSim({ port: 0 });
  const cp = await startControlPlane({ config: { seedCatalog: true, seedProviderBaseUrl: sim.url, heartbeatIntervalSeconds: 1, ...config } });
  const dirs: string[] = [];
  const proxies: ProxyHandle[] = [];
  return {
    sim,
    cp,
    newDataDir() {
      const d = mkdtempSync(join(tmpdir(), 'sy-proxy-cp-'));
      dirs.push(d);
      return d;
    },
    async startProxy(overrides = {}) {
      const p = await startProxy({
        port: 0,
        controlPlaneUrl: cp.url,
        proxyToken: cp.proxyToken,
        dataDir: overrides.dataDir ?? this.newDataDir(),
        logLevel: 'silent',
        usageFlushMs: 50,
        heartbeatMs: 500,
        ...overrides,
      });
      proxies.push(p);
      return p;
    },
    client(proxy, key) {
      return new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: key, maxRetries: 0 });
    },
    async close() {
      await Promise.all(proxies.map((p) => p.close()));
      await cp.close();
      await sim.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}
