import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { PolicyContentInput, PolicySnapshot } from '@switchyard/contracts';
import { startProviderSim, type ProviderSim, type ProviderSimOptions } from '../../../provider-sim/src';
import { startProxy, type ProxyHandle } from '../../src/server';
import type { ProxyConfigInput } from '../../src/config/proxy-config';
import { buildSnapshot, keySet, makeKey, type TestKey } from './snapshot-factory';

export interface ProxyFixture {
  sim: ProviderSim;
  proxy: ProxyHandle;
  snapshot: PolicySnapshot;
  dataDir: string;
  /** A key of team "growth" without a default bucket. */
  key: TestKey;
  /** An OpenAI client pointed at the proxy with `key`. */
  client: OpenAI;
  clientFor(key: string, opts?: Partial<ConstructorParameters<typeof OpenAI>[0]>): OpenAI;
  keys: Record<string, TestKey>;
  close(): Promise<void>;
}

export interface FixtureOptions {
  policy?: PolicyContentInput;
  sim?: ProviderSimOptions;
  proxy?: ProxyConfigInput;
  /** Extra keys by name: [team, defaultBucket]. */
  keys?: Record<string, [string, string | null]>;
}

/**
 * A provider-sim and a proxy running without a control plane: policy and keys come
 * from files (the proxy's `policyFile`/`keysFile` start-up feature), usage goes to the
 * local spool. For tests of the data path; control-plane tests use the real one.
 */
export async function startProxyFixture(opts: FixtureOptions = {}): Promise<ProxyFixture> {
  const sim = await startProviderSim({ port: 0, ...opts.sim });
  const dataDir = mkdtempSync(join(tmpdir(), 'sy-proxy-'));
  const snapshot = buildSnapshot({ baseUrl: sim.url, policy: opts.policy });
  const key = makeKey('growth');
  const keys: Record<string, TestKey> = { growth: key };
  for (const [name, [team, bucket]] of Object.entries(opts.keys ?? {})) keys[name] = makeKey(team, bucket);
  const policyFile = join(dataDir, 'start-policy.json');
  const keysFile = join(dataDir, 'start-keys.json');
  writeFileSync(policyFile, JSON.stringify(snapshot));
  writeFileSync(keysFile, JSON.stringify(keySet(Object.values(keys))));
  const proxy = await startProxy({
    port: 0,
    controlPlaneUrl: null,
    dataDir: join(dataDir, 'state'),
    policyFile,
    keysFile,
    logLevel: 'silent',
    usageFlushMs: 50,
    ...opts.proxy,
  });
  const clientFor = (k: string, extra: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) =>
    new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: k, maxRetries: 0, ...extra });
  return {
    sim,
    proxy,
    snapshot,
    dataDir,
    key,
    keys,
    client: clientFor(key.key),
    clientFor,
    async close() {
      await proxy.close();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads the usage events the proxy spooled (no control plane in these tests). */
export async function spooledEvents(fx: ProxyFixture): Promise<Array<Record<string, unknown>>> {
  await fx.proxy.flushUsage();
  const { readFileSync, existsSync } = await import('node:fs');
  const file = join(fx.proxy.config.dataDir, 'usage-spool.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
