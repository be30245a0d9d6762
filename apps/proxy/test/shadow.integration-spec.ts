import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { PolicyContentInput } from '@switchyard/contracts';
import { startProviderSim, type ProviderSim } from '../../provider-sim/src';
import { startProxy, type ProxyHandle, type StartProxyOptions } from '../src/server';
import { eventually } from './support/cp-fixture';
import { seedPolicyWith, UPSTREAM } from './support/policies';
import { buildSnapshot, keySet, makeKey } from './support/snapshot-factory';

interface Setup {
  sim: ProviderSim;
  proxy: ProxyHandle;
  client: OpenAI;
  close(): Promise<void>;
}

/** A simulator and a proxy without a control plane (policy from a file, usage to the spool), with shadow options. */
async function setup(policy: PolicyContentInput, shadow: StartProxyOptions['shadow']): Promise<Setup> {
  const sim = await startProviderSim({ port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'sy-shadow-'));
  const key = makeKey('growth');
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(buildSnapshot({ baseUrl: sim.url, policy })));
  writeFileSync(join(dir, 'keys.json'), JSON.stringify(keySet([key])));
  const proxy = await startProxy(
    { port: 0, controlPlaneUrl: null, dataDir: join(dir, 'state'), policyFile: join(dir, 'policy.json'), keysFile: join(dir, 'keys.json'), logLevel: 'silent', usageFlushMs: 50 },
    { shadow },
  );
  return {
    sim,
    proxy,
    client: new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: key.key, maxRetries: 0 }),
    async close() {
      await proxy.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function spooled(proxy: ProxyHandle): Promise<Array<Record<string, unknown>>> {
  await proxy.flushUsage();
  const file = join(proxy.config.dataDir, 'usage-spool.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

const settled = (p: ProxyHandle) => {
  const s = p.shadowStats();
  return s.inFlight === 0 && s.queued === 0 && s.sampled === s.completed + s.failed + s.dropped + s.skipped;
};

describe('proxy shadow sampling (issue 9)', () => {
  it('samples the configured share of a bucket’s requests (rate 0.1 over 2,000) and reports each comparison as evaluation usage', async () => {
    const s = await setup(seedPolicyWith({ bulk: { shadow: { rate: 0.1 } } }), { concurrency: 8, queueMax: 5000 });
    try {
      const total = 2000;
      let next = 0;
      const worker = async () => {
        while (next < total) {
          const i = next++;
          await s.client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: `request ${i}` }] });
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
      await eventually(() => settled(s.proxy), 'the shadow calls to finish', 30_000);
      const stats = s.proxy.shadowStats();
      // sd of the share is √(0.1·0.9/2000) = 0.0067: 3 points is 4.5 sd.
      expect(Math.abs(stats.sampled / total - 0.1)).toBeLessThan(0.03);
      expect(stats).toMatchObject({ completed: stats.sampled, failed: 0, dropped: 0, skipped: 0 });
      expect(s.sim.stats().requests.byModel[UPSTREAM.gpt4o]).toBe(stats.sampled);
      const metrics = await (await fetch(`${s.proxy.url}/metrics`)).text();
      expect(metrics).toContain(`switchyard_proxy_shadow_samples_total{outcome="sampled"} ${stats.sampled}\n`);
      expect(metrics).toContain(`switchyard_proxy_shadow_samples_total{outcome="completed"} ${stats.completed}\n`);
      expect(metrics).toContain('switchyard_proxy_shadow_in_flight 0\n');

      const events = await spooled(s.proxy);
      const evaluation = events.filter((e) => e.kind === 'evaluation');
      expect(events.filter((e) => e.kind === 'production')).toHaveLength(total);
      expect(evaluation).toHaveLength(stats.sampled);
      for (const e of evaluation) {
        expect(e).toMatchObject({ bucket: 'bulk', servedModel: 'openai/gpt-4o', requestedModel: 'openai/gpt-4o', team: 'growth', stream: false, status: 200, cache: 'bypass' });
        expect(Number(e.costUsd)).toBeGreaterThan(0);
      }
    } finally {
      await s.close();
    }
  }, 120_000);

  it('never samples a bucket without shadow settings', async () => {
    const s = await setup(seedPolicyWith({ bulk: { shadow: { rate: 1 } } }), {});
    try {
      await s.client.chat.completions.create({ model: 'standard', messages: [{ role: 'user', content: 'not sampled' }] });
      await s.client.chat.completions.create({ model: 'standard', messages: [{ role: 'user', content: 'not sampled' }], stream: true }).then(async (st) => {
        for await (const _ of st) void _;
      });
      expect(s.proxy.shadowStats().sampled).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('stays off the client’s critical path: with the comparison model hanging, every client gets its whole answer and extra samples are dropped', async () => {
    const s = await setup(seedPolicyWith({ bulk: { shadow: { rate: 1 } } }), { concurrency: 2, queueMax: 3 });
    try {
      s.sim.setConfig({ models: { [UPSTREAM.gpt4o]: { hang: true } } });
      for (let i = 0; i < 5; i++) {
        const { data, response } = await s.client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: `json ${i}` }] }).withResponse();
        expect(response.status).toBe(200);
        expect(response.headers.get('x-switchyard-model')).toBe('deepseek-ai/DeepSeek-V4-Flash');
        expect(data.choices[0].message.content).toEqual(expect.any(String));
        expect(data.choices[0].finish_reason).toBe('stop');
      }
      for (let i = 0; i < 5; i++) {
        const stream = await s.client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: `stream ${i}` }], stream: true });
        let text = '';
        let finish: string | null = null;
        for await (const chunk of stream) {
          text += chunk.choices[0]?.delta.content ?? '';
          finish = chunk.choices[0]?.finish_reason ?? finish;
        }
        expect(text.length).toBeGreaterThan(0);
        expect(finish).toBe('stop');
      }
      // Two comparison calls hang, three wait in the queue, the other five were dropped.
      await eventually(() => s.proxy.shadowStats().dropped === 5 && s.proxy.shadowStats().inFlight === 2, 'the sampler to fill up');
      expect(s.proxy.shadowStats()).toMatchObject({ sampled: 10, inFlight: 2, queued: 3, completed: 0, dropped: 5 });
      expect(s.sim.stats().requests.byModel[UPSTREAM.gpt4o]).toBe(2);
    } finally {
      // Closing aborts the hanging comparison calls instead of waiting for them.
      await s.close();
    }
  });
});
