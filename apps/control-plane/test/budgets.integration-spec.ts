import { randomUUID } from 'node:crypto';
import type { Budget, BudgetAlert, BudgetStatus } from '@switchyard/contracts';
import { UsageMaintenanceProcessor } from '../src/modules/usage/jobs/usage-maintenance.processor';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { eventually, makeEvent, postUsage } from './support/usage-events';
import { webhookServer } from './support/webhook-server';

describe('budgets', () => {
  let cp: ControlPlaneHarness;
  const now = () => new Date().toISOString();
  const spend = (team: string, costUsd: string) => postUsage(cp, [makeEvent({ ts: now(), team, costUsd })]);
  const statusOf = async (team: string | null) => (await cp.request<BudgetStatus[]>('GET', '/budgets/status')).body.find((s) => s.budget.team === team);
  const spentReaches = (team: string, usd: string) => eventually(async () => ((await statusOf(team))?.spentUsd === usd ? true : undefined));
  const alertsOf = async (budgetId: string) =>
    (await cp.request<BudgetAlert[]>('GET', '/alerts')).body.filter((a) => a.budgetId === budgetId).sort((a, b) => a.threshold - b.threshold);

  beforeAll(async () => {
    cp = await startControlPlane({ config: { rollupDelayMs: 100 } });
  });
  afterAll(async () => {
    await cp?.close();
  });

  it('creates, updates by team, lists and deletes budgets; finance reads but does not write', async () => {
    const created = await cp.request<Budget>('POST', '/budgets', { team: 'crud', monthlyUsd: '100.5' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ team: 'crud', monthlyUsd: '100.50', thresholds: [50, 80, 100], hardLimit: false, webhookUrl: null });
    const updated = await cp.request<Budget>('POST', '/budgets', { team: 'crud', monthlyUsd: '200', thresholds: [90, 10, 90], hardLimit: true });
    expect(updated.body).toMatchObject({ id: created.body.id, monthlyUsd: '200.00', thresholds: [10, 90], hardLimit: true });
    const finance = await cp.createUser('finance');
    expect((await cp.request('GET', '/budgets', undefined, finance.token)).body.map((b: Budget) => b.id)).toContain(created.body.id);
    expect((await cp.request('POST', '/budgets', { team: 'x', monthlyUsd: '1' }, finance.token)).status).toBe(403);
    expect((await cp.request('DELETE', `/budgets/${created.body.id}`, undefined, finance.token)).status).toBe(403);

    const bad = await cp.request('POST', '/budgets', { team: '', monthlyUsd: '0', thresholds: [0], webhookUrl: 'ftp://x' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['team', 'thresholds.0', 'webhookUrl']);
    const zero = await cp.request('POST', '/budgets', { team: 'zero', monthlyUsd: '0' });
    expect(zero.status).toBe(400);
    expect(zero.body.issues).toEqual([{ path: 'monthlyUsd', message: 'must be greater than 0' }]);

    expect((await cp.request('DELETE', `/budgets/${created.body.id}`)).status).toBe(204);
    expect((await cp.request('DELETE', `/budgets/${created.body.id}`)).status).toBe(404);
    const audit = await cp.request('GET', '/audit?limit=50');
    expect(audit.body.filter((a: { target: string }) => a.target === created.body.id).map((a: { action: string }) => a.action).sort()).toEqual([
      'budget.delete',
      'budget.upsert',
      'budget.upsert',
    ]);
  });

  it('fires each threshold once, however often the month is re-checked', async () => {
    const team = `thr-${randomUUID().slice(0, 6)}`;
    const budget = (await cp.request<Budget>('POST', '/budgets', { team, monthlyUsd: '10', thresholds: [50, 80, 100] })).body;
    await spend(team, '4.999999999999');
    await spentReaches(team, '4.999999999999');
    expect(await alertsOf(budget.id)).toEqual([]);
    await spend(team, '0.000000000001'); // exactly 50 %
    await spentReaches(team, '5.00');
    await eventually(async () => ((await alertsOf(budget.id)).length === 1 ? true : undefined));
    const events = [makeEvent({ ts: now(), team, costUsd: '3.5' })];
    await postUsage(cp, events);
    await postUsage(cp, events); // a replay: no double count
    await spentReaches(team, '8.50');
    await postUsage(cp, [makeEvent({ ts: now(), team, costUsd: '2' })]);
    await spentReaches(team, '10.50');
    for (let i = 0; i < 3; i++) await cp.running.app.get(UsageMaintenanceProcessor).run();
    const alerts = await eventually(async () => {
      const a = await alertsOf(budget.id);
      return a.length === 3 ? a : undefined;
    });
    expect(alerts.map((a) => [a.threshold, a.team, a.webhookStatus])).toEqual([
      [50, team, 'none'],
      [80, team, 'none'],
      [100, team, 'none'],
    ]);
    expect(alerts[0].spentUsd).toBe('5.00');
    expect(alerts[0].month).toBe(new Date().toISOString().slice(0, 7));
    const status = await statusOf(team);
    expect(status).toMatchObject({ spentUsd: '10.50', percent: '105.00', crossedThresholds: [50, 80, 100], exhausted: true });
  });

  it('calls the webhook from a job and retries until it is delivered', async () => {
    const hook = await webhookServer(1);
    try {
      const team = `hook-${randomUUID().slice(0, 6)}`;
      const budget = (await cp.request<Budget>('POST', '/budgets', { team, monthlyUsd: '1', thresholds: [100], webhookUrl: hook.url })).body;
      await spend(team, '1');
      const [alert] = await eventually(async () => {
        const a = await alertsOf(budget.id);
        return a[0]?.webhookStatus === 'delivered' ? a : undefined;
      });
      expect(alert.threshold).toBe(100);
      expect(hook.calls).toEqual([{ type: 'budget.threshold', alert: { ...alert, webhookStatus: 'delivered' }, budget: { id: budget.id, team, monthlyUsd: '1.00', hardLimit: false } }]);
    } finally {
      await hook.close();
    }
  });

  it('blocks a team whose hard budget is spent in GET /proxy/limits, tells the bus, and lifts it when the budget is raised', async () => {
    const team = `hard-${randomUUID().slice(0, 6)}`;
    const heard: string[] = [];
    const unsubscribe = cp.running.infra.bus.subscribe('limits', (p) => heard.push(p));
    try {
      const before = (await cp.request('GET', '/proxy/limits', undefined, cp.proxyToken)).body;
      expect(before.blockedTeams.map((t: { team: string }) => t.team)).not.toContain(team);
      await cp.request('POST', '/budgets', { team, monthlyUsd: '2', hardLimit: true });
      await spend(team, '2.5');
      const blocked = await eventually(async () => {
        const r = await cp.request('GET', '/proxy/limits', undefined, cp.proxyToken);
        return r.body.blockedTeams.some((t: { team: string }) => t.team === team) ? r.body : undefined;
      });
      expect(blocked.revision).not.toBe(before.revision);
      expect(blocked.blockedTeams.find((t: { team: string }) => t.team === team).reason).toMatch(/spent its monthly budget of \$2\.00/);
      await eventually(async () => (heard.includes(blocked.revision) ? true : undefined));

      await cp.request('POST', '/budgets', { team, monthlyUsd: '5', hardLimit: true });
      const lifted = (await cp.request('GET', '/proxy/limits', undefined, cp.proxyToken)).body;
      expect(lifted.blockedTeams.map((t: { team: string }) => t.team)).not.toContain(team);
      expect(lifted.revision).toBe(before.revision);
    } finally {
      unsubscribe();
    }
  });

  it('an exhausted overall hard limit blocks every team with a key, and deleting it lifts them', async () => {
    await cp.createApiKey('keyed-team');
    const overall = (await cp.request<Budget>('POST', '/budgets', { team: null, monthlyUsd: '0.000000000001', hardLimit: true, thresholds: [100] })).body;
    expect(overall.team).toBeNull();
    const limits = (await cp.request('GET', '/proxy/limits', undefined, cp.proxyToken)).body;
    const teams = limits.blockedTeams.map((t: { team: string }) => t.team);
    expect(teams).toContain('keyed-team');
    expect(limits.blockedTeams.find((t: { team: string }) => t.team === 'keyed-team').reason).toMatch(/overall monthly budget/);
    // A team's first key, created after the limit was reached, is blocked too.
    await cp.createApiKey('late-team');
    await eventually(async () => {
      const r = await cp.request('GET', '/proxy/limits', undefined, cp.proxyToken);
      return r.body.blockedTeams.some((t: { team: string }) => t.team === 'late-team') ? true : undefined;
    });
    expect((await alertsOf(overall.id)).map((a) => a.threshold)).toEqual([100]);
    expect((await cp.request('DELETE', `/budgets/${overall.id}`)).status).toBe(204);
    const after = (await cp.request('GET', '/proxy/limits', undefined, cp.proxyToken)).body;
    expect(after.blockedTeams.map((t: { team: string }) => t.team)).not.toContain('keyed-team');
  });
});
