import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ControlPlaneHarness } from '../../control-plane/test/support/control-plane.harness';
import { eventually, startCpFixture, type CpFixture } from './support/cp-fixture';
import { startTcpRelay, type TcpRelay } from './support/tcp-relay';

/** Rows in the control plane's own usage table, read through its own connection. */
async function storedEvents(cp: ControlPlaneHarness, proxyId: string): Promise<{ rows: number; ids: number }> {
  const [r] = (await cp.running.infra.database.dataSource.query('SELECT count(*) AS rows, count(DISTINCT id) AS ids FROM usage_events WHERE proxy_id = $1', [proxyId])) as Array<{ rows: string; ids: string }>;
  return { rows: Number(r.rows), ids: Number(r.ids) };
}

describe('usage reporting through a control-plane outage', () => {
  let fx: CpFixture;
  let relay: TcpRelay;
  beforeAll(async () => {
    fx = await startCpFixture();
    relay = await startTcpRelay(fx.cp.url);
  }, 60_000);
  afterAll(async () => {
    await relay.close();
    await fx.close();
  });

  it('spools while the control plane is unreachable, replays in order when it returns, and every event is counted once', async () => {
    const dataDir = fx.newDataDir();
    const proxyId = 'spool-test';
    const proxy = await fx.startProxy({ dataDir, proxyId, controlPlaneUrl: relay.url });
    await eventually(() => proxy.policyVersion(), 'the first policy');
    const { key } = await fx.cp.createApiKey('spool');
    const client = fx.client(proxy, key);
    await eventually(() => client.models.list().then(() => true), 'the key');
    const ask = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: `request ${i}` }] })));

    await ask(5);
    await proxy.flushUsage();
    await eventually(async () => (await storedEvents(fx.cp, proxyId)).rows === 5, 'the first 5 events to be stored');

    // The control plane goes away; traffic goes on and is still served.
    await relay.pause();
    await ask(12);
    await proxy.flushUsage();
    await eventually(() => proxy.spooledEvents() === 12, 'the 12 events to be spooled');
    expect((await storedEvents(fx.cp, proxyId)).rows).toBe(5);
    const spool = join(dataDir, 'usage-spool.jsonl');
    const spooled = readFileSync(spool, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string });
    expect(spooled).toHaveLength(12);
    copyFileSync(spool, join(dataDir, 'spool-copy.jsonl'));

    // It comes back: the spool is replayed and emptied.
    await relay.resume();
    await eventually(async () => (await storedEvents(fx.cp, proxyId)).rows === 17, 'the spooled events to be replayed', 20_000);
    await eventually(() => proxy.spooledEvents() === 0, 'the spool to be empty');
    const [row] = (await fx.cp.running.infra.database.dataSource.query('SELECT count(*) AS n FROM usage_events WHERE id = ANY($1)', [spooled.map((e) => e.id)])) as Array<{ n: string }>;
    expect(Number(row.n)).toBe(12);
    await proxy.close();

    // A crash after sending but before the spool was marked sent would replay the same events again:
    // put them back and restart on the same folder. The control plane counts them once.
    writeFileSync(spool, readFileSync(join(dataDir, 'spool-copy.jsonl')));
    writeFileSync(join(dataDir, 'usage-spool.offset'), '0');
    const restarted = await fx.startProxy({ dataDir, proxyId, controlPlaneUrl: relay.url });
    // (It replays at start, perhaps before this line runs: wait for the spool to be empty.)
    await eventually(() => restarted.spooledEvents() === 0, 'the replay after restart', 20_000);
    expect(await storedEvents(fx.cp, proxyId)).toEqual({ rows: 17, ids: 17 });
    // The count drops as each batch is accepted; the file is cut to nothing just after the last one.
    await eventually(() => (existsSync(spool) ? readFileSync(spool, 'utf8') : '') === '', 'the spool file to be emptied');
  }, 60_000);
});
