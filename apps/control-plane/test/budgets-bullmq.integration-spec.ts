import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import type { Budget, BudgetAlert } from '@switchyard/contracts';
import { describeWithRedis, requireRedisUrl, testConfig, uniqueRedisPrefix } from '@switchyard/testing';
import { startControlPlane as boot, type RunningControlPlane } from '../src/core/bootstrap';
import { parseConfig } from '../src/core/config/config';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { eventually, makeEvent, postUsage } from './support/usage-events';
import { webhookServer } from './support/webhook-server';

/**
 * Scaled mode: two control-plane replicas on one Postgres with BullMQ on Redis (a
 * queue prefix of this file's own, so no other test's workers take its jobs). Needs
 * a real Postgres too: PGlite serves one process.
 */
const describeScaled: jest.Describe = testConfig.databaseUrl ? describeWithRedis : describe.skip;

describeScaled('budgets and rollups on BullMQ across two replicas', () => {
  let a: ControlPlaneHarness;
  let b: RunningControlPlane;
  let bDir: string;
  const queuePrefix = uniqueRedisPrefix('spend').slice(0, -1);

  beforeAll(async () => {
    const redisUrl = requireRedisUrl();
    a = await startControlPlane({ redisUrl, config: { rollupDelayMs: 200, queuePrefix } });
    // Replica B: same database, same Redis queues, same secrets (so A's tokens work on B).
    bDir = mkdtempSync(join(tmpdir(), 'sy-cp-b-'));
    b = await boot(
      parseConfig(
        {},
        {
          port: 0,
          host: '127.0.0.1',
          databaseUrl: a.databaseUrl,
          redisUrl,
          dataDir: bDir,
          admin: { email: a.adminEmail, password: a.adminPassword },
          proxyToken: a.proxyToken,
          authSecret: 'test-secret-'.padEnd(48, 'x'),
          swagger: false,
          logLevel: 'error',
          rollupDelayMs: 200,
          queuePrefix,
        },
      ),
    );
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    if (bDir) rmSync(bDir, { recursive: true, force: true });
    // The queues' keys (and the maintenance job's schedule) live in Redis: remove this file's.
    const redis = new IORedis(requireRedisUrl());
    const keys = await redis.keys(`${queuePrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const limitsOn = async (url: string) => {
    const res = await fetch(`${url}/api/v1/proxy/limits`, { headers: { authorization: `Bearer ${a.proxyToken}` } });
    return (await res.json()) as { revision: string; blockedTeams: Array<{ team: string; reason: string }> };
  };

  it('rolls up usage sent to both replicas once, and both serve the same hard limit', async () => {
    const team = `scaled-${randomUUID().slice(0, 6)}`;
    const heardOnB: string[] = [];
    const unsubscribe = b.infra.bus.subscribe('limits', (p) => heardOnB.push(p));
    try {
      expect((await a.request('POST', '/budgets', { team, monthlyUsd: '3', hardLimit: true })).status).toBe(201);
      const events = Array.from({ length: 4 }, () => makeEvent({ team, costUsd: '1' }));
      // Half to A, all to B (a proxy retrying against another replica): stored once.
      expect((await postUsage(a, events.slice(0, 2))).body.stored).toBe(2);
      const viaB = await fetch(`${b.url}/api/v1/proxy/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${a.proxyToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      expect(await viaB.json()).toEqual({ stored: 2, duplicates: 2, rejected: [] });

      const onA = await eventually(async () => {
        const l = await limitsOn(a.url);
        return l.blockedTeams.some((t) => t.team === team) ? l : undefined;
      });
      expect(await limitsOn(b.url)).toEqual(onA);
      await eventually(async () => (heardOnB.includes(onA.revision) ? true : undefined));
      const status = (await a.request('GET', '/budgets/status')).body.find((s: { budget: Budget }) => s.budget.team === team);
      expect(status).toMatchObject({ spentUsd: '4.00', exhausted: true });
    } finally {
      unsubscribe();
    }
  });

  it('delivers a budget webhook through a BullMQ job, retried after failures', async () => {
    const hook = await webhookServer(2);
    try {
      const team = `hook-${randomUUID().slice(0, 6)}`;
      const budget = (await a.request<Budget>('POST', '/budgets', { team, monthlyUsd: '1', thresholds: [50, 100], webhookUrl: hook.url })).body;
      await postUsage(a, [makeEvent({ team, costUsd: '0.6' })]);
      const alerts = await eventually(
        async () => {
          const list = (await a.request<BudgetAlert[]>('GET', '/alerts')).body.filter((x) => x.budgetId === budget.id);
          return list.length === 1 && list[0].webhookStatus === 'delivered' ? list : undefined;
        },
        30_000,
        100,
      );
      expect(alerts[0].threshold).toBe(50);
      expect(hook.calls).toHaveLength(1);
      expect(hook.calls[0]).toMatchObject({ type: 'budget.threshold', alert: { id: alerts[0].id, threshold: 50 } });
    } finally {
      await hook.close();
    }
  });
});
