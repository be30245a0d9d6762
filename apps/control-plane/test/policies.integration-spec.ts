import { createHash } from 'node:crypto';
import { canonicalJson, SEED_POLICY, type DiffEntry, type PolicyDraft, type PolicyVersionDetail, type PolicyVersionSummary } from '@switchyard/contracts';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';

/** The starter policy with the bulk bucket split 70/30 between Flash and GLM. */
const SPLIT = {
  ...SEED_POLICY,
  buckets: SEED_POLICY.buckets.map((b) =>
    b.name === 'bulk' ? { ...b, targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 70 }, { model: 'zai-org/GLM-4-Plus', weight: 30 }] } : b,
  ),
};

/** One policy with each kind of problem validation must report. */
const BROKEN = {
  defaultBucket: 'nowhere',
  baselineModel: 'openai/gpt-4o',
  buckets: [
    { name: 'bulk', targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 60 }, { model: 'zai-org/GLM-4-Plus', weight: 30 }] },
    { name: 'bulk', targets: [{ model: 'acme/unknown', weight: 100 }], fallbacks: ['acme/also-unknown'] },
    { name: 'standard', targets: [{ model: 'openai/gpt-4o', weight: 100 }], cache: { threshold: 0.2, ttlSeconds: 0 } },
  ],
};

describe('policies: drafts, publish, versions, rollback, diff', () => {
  let cp: ControlPlaneHarness;
  let finance: string;
  let viewer: string;
  beforeAll(async () => {
    cp = await startControlPlane();
    finance = (await cp.createUser('finance')).token;
    viewer = (await cp.createUser('viewer')).token;
  });
  afterAll(async () => {
    await cp?.close();
  });

  const versions = async () => (await cp.request<PolicyVersionSummary[]>('GET', '/policies/versions')).body;
  const createDraft = async (content?: unknown, name?: string) => {
    const r = await cp.request<PolicyDraft>('POST', '/policies/drafts', { content, name });
    expect(r.status).toBe(201);
    return r.body;
  };

  it('serves the starter policy as live version 1, published by "system"', async () => {
    const live = await cp.request<PolicyVersionDetail>('GET', '/policies/live');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ version: 1, author: 'system', rolledBackFrom: null });
    expect(live.body.snapshot.policy.buckets.map((b) => b.name)).toEqual(['bulk', 'standard', 'critical']);
    expect(live.body.snapshot.policy.defaultBucket).toBe('standard');
    expect(live.body.snapshot.policy.baselineModel).toBe('openai/gpt-4o');
    const { policy, models, providers } = live.body.snapshot;
    expect(live.body.hash).toBe(createHash('sha256').update(canonicalJson({ policy, models, providers })).digest('hex'));
    expect(live.body.snapshot.hash).toBe(live.body.hash);
  });

  it('starts a draft as a copy of the live policy, lists and reads it', async () => {
    const d = await createDraft(undefined, 'copy of live');
    const live = (await cp.request<PolicyVersionDetail>('GET', '/policies/live')).body;
    expect(d).toMatchObject({ name: 'copy of live', baseVersion: live.version, createdBy: cp.adminEmail, updatedBy: cp.adminEmail });
    expect(d.content).toEqual(live.snapshot.policy);
    expect((await cp.request<PolicyDraft>('GET', `/policies/drafts/${d.id}`)).body).toEqual(d);
    expect((await cp.request<PolicyDraft[]>('GET', '/policies/drafts')).body.map((x) => x.id)).toContain(d.id);
  });

  it('saves invalid content as is and reports every problem with its path; validate says the same', async () => {
    const d = await createDraft();
    const saved = await cp.request('PUT', `/policies/drafts/${d.id}`, { content: BROKEN, name: 'broken' });
    expect(saved.status).toBe(200);
    expect(saved.body.content).toEqual(BROKEN);
    expect(saved.body.name).toBe('broken');
    expect(saved.body.validation.ok).toBe(false);
    const paths = saved.body.validation.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(
      [
        'buckets.0.targets',
        'buckets.1.name',
        'buckets.1.targets.0.model',
        'buckets.1.fallbacks.0',
        'buckets.2.cache.threshold',
        'buckets.2.cache.ttlSeconds',
        'defaultBucket',
      ].sort(),
    );
    const v = await cp.request('POST', `/policies/drafts/${d.id}/validate`);
    expect(v.status).toBe(200);
    expect(v.body).toEqual(saved.body.validation);

    // A draft whose content does not even parse is still saved.
    const garbage = await cp.request('PUT', `/policies/drafts/${d.id}`, { content: { buckets: 'nope' } });
    expect(garbage.status).toBe(200);
    expect(garbage.body.validation.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['defaultBucket', 'baselineModel', 'buckets']));
    const missing = await cp.request('PUT', `/policies/drafts/${d.id}`, { name: 'no content' });
    expect(missing.status).toBe(400);
    expect(missing.body.issues).toEqual([{ path: 'content', message: expect.any(String) }]);
  });

  it('refuses to publish an invalid draft with a 400 listing every problem, and changes nothing', async () => {
    const d = await createDraft(BROKEN);
    const before = await versions();
    const r = await cp.request('POST', `/policies/drafts/${d.id}/publish`, { message: 'try' });
    expect(r.status).toBe(400);
    expect(r.body.issues).toHaveLength(7);
    expect(r.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'buckets.0.targets', message: 'weights sum to 90; they must sum to exactly 100' },
        { path: 'buckets.1.name', message: expect.stringMatching(/duplicate bucket name "bulk"/) },
        { path: 'buckets.1.targets.0.model', message: '"acme/unknown" is not a catalog model' },
        { path: 'defaultBucket', message: 'no bucket is named "nowhere"' },
      ]),
    );
    expect(r.body.message).toMatch(/^The policy is invalid; nothing was published: /);
    expect(await versions()).toEqual(before);
    expect((await cp.request('GET', `/policies/drafts/${d.id}`)).body).toEqual(d);
  });

  it('needs a message to publish', async () => {
    const d = await createDraft(SPLIT);
    const r = await cp.request('POST', `/policies/drafts/${d.id}/publish`, {});
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([{ path: 'message', message: expect.any(String) }]);
  });

  it('publishes a valid draft as the next immutable version with hash, author and message', async () => {
    const d = await createDraft(SPLIT);
    const before = await versions();
    const r = await cp.request<PolicyVersionDetail>('POST', `/policies/drafts/${d.id}/publish`, { message: 'bulk: 30% to GLM' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ version: before[0].version + 1, author: cp.adminEmail, message: 'bulk: 30% to GLM', rolledBackFrom: null });
    expect(r.body.snapshot.policy.buckets[0].targets).toEqual(SPLIT.buckets[0].targets);
    const { policy, models, providers } = r.body.snapshot;
    expect(r.body.hash).toBe(createHash('sha256').update(canonicalJson({ policy, models, providers })).digest('hex'));
    expect(r.body.snapshot.models['zai-org/GLM-4-Plus'].prices.length).toBeGreaterThan(0);
    expect((await cp.request('GET', '/policies/live')).body).toEqual(r.body);
    expect((await cp.request('GET', `/policies/versions/${r.body.version}`)).body).toEqual(r.body);
  });

  it('says "no changes" (409) when the content is already live, publishing nothing', async () => {
    const live = (await cp.request<PolicyVersionDetail>('GET', '/policies/live')).body;
    const d = await createDraft(live.snapshot.policy);
    const r = await cp.request('POST', `/policies/drafts/${d.id}/publish`, { message: 'again' });
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(new RegExp(`No changes: this content is already live as version ${live.version}`));
    expect((await versions())[0].version).toBe(live.version);
  });

  it('lists versions newest first; 404 for an unknown version, 400 for a malformed one', async () => {
    const list = await versions();
    expect(list.map((v) => v.version)).toEqual([...list.map((v) => v.version)].sort((a, b) => b - a));
    expect(list.at(-1)).toMatchObject({ version: 1, author: 'system' });
    expect(Object.keys(list[0]).sort()).toEqual(['author', 'hash', 'message', 'publishedAt', 'rolledBackFrom', 'version']);
    expect((await cp.request('GET', '/policies/versions/999')).status).toBe(404);
    const bad = await cp.request('GET', '/policies/versions/abc');
    expect(bad.status).toBe(400);
  });

  it('rolls back by publishing an earlier version’s content as a new version', async () => {
    const v1 = (await cp.request<PolicyVersionDetail>('GET', '/policies/versions/1')).body;
    const latest = (await versions())[0].version;
    const r = await cp.request<PolicyVersionDetail>('POST', '/policies/versions/1/rollback', {});
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ version: latest + 1, rolledBackFrom: 1, author: cp.adminEmail, message: 'Rollback to version 1' });
    expect(r.body.snapshot.policy).toEqual(v1.snapshot.policy);
    // Same catalog, same content: the same hash as version 1.
    expect(r.body.hash).toBe(v1.hash);
    expect((await cp.request('GET', '/policies/live')).body.version).toBe(latest + 1);

    const named = await cp.request<PolicyVersionDetail>('POST', `/policies/versions/${latest}/rollback`, { message: 'back to the split' });
    expect(named.body).toMatchObject({ version: latest + 2, rolledBackFrom: latest, message: 'back to the split' });
    expect((await cp.request('POST', '/policies/versions/999/rollback', {})).status).toBe(404);
  });

  it('diffs two versions, and a version against a draft, on policy content', async () => {
    const split = (await versions()).find((v) => v.message === 'bulk: 30% to GLM')!.version;
    const d = await cp.request<DiffEntry[]>('GET', `/policies/diff?from=1&to=${split}`);
    expect(d.status).toBe(200);
    expect(d.body).toEqual([
      {
        path: 'buckets[bulk].targets',
        kind: 'changed',
        before: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 }],
        after: SPLIT.buckets[0].targets,
      },
    ]);
    expect((await cp.request('GET', `/policies/diff?from=${split}&to=${split}`)).body).toEqual([]);

    // A draft with only the edited fields: defaults are filled in, so only the edit shows.
    const draft = await createDraft({ ...SEED_POLICY, defaultBucket: 'bulk' });
    const dv = await cp.request<DiffEntry[]>('GET', `/policies/diff?from=1&to=draft:${draft.id}`);
    expect(dv.body).toEqual([{ path: 'defaultBucket', kind: 'changed', before: 'standard', after: 'bulk' }]);
    const vd = await cp.request<DiffEntry[]>('GET', `/policies/diff?from=draft:${draft.id}&to=1`);
    expect(vd.body).toEqual([{ path: 'defaultBucket', kind: 'changed', before: 'bulk', after: 'standard' }]);

    expect((await cp.request('GET', '/policies/diff?from=1&to=draft:00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await cp.request('GET', '/policies/diff?from=1&to=999')).status).toBe(404);
    const bad = await cp.request('GET', '/policies/diff?from=x&to=1');
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: 'from', message: expect.stringMatching(/version number or "draft:<id>"/) }]);
  });

  it('deletes a draft (204), then it is gone (404)', async () => {
    const d = await createDraft();
    expect((await cp.request('DELETE', `/policies/drafts/${d.id}`)).status).toBe(204);
    expect((await cp.request('GET', `/policies/drafts/${d.id}`)).status).toBe(404);
    expect((await cp.request('DELETE', `/policies/drafts/${d.id}`)).status).toBe(404);
    expect((await cp.request('GET', '/policies/drafts/not-a-uuid')).status).toBe(404);
  });

  it('gives concurrent publishes distinct consecutive versions', async () => {
    const start = (await versions())[0].version;
    const drafts = await Promise.all(
      [10, 20, 30, 40, 50].map((w) =>
        createDraft({
          ...SEED_POLICY,
          buckets: SEED_POLICY.buckets.map((b) =>
            b.name === 'bulk' ? { ...b, targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 - w }, { model: 'Qwen/Qwen3-32B', weight: w }] } : b,
          ),
        }),
      ),
    );
    const results = await Promise.all(drafts.map((d, i) => cp.request<PolicyVersionDetail>('POST', `/policies/drafts/${d.id}/publish`, { message: `concurrent ${i}` })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(results.map((r) => r.body.version).sort((a, b) => a - b)).toEqual([start + 1, start + 2, start + 3, start + 4, start + 5]);
  });

  it('audits drafts, publishes and rollbacks', async () => {
    const audit = await cp.request<Array<{ action: string; actor: string; target: string | null }>>('GET', '/audit?limit=500');
    const actions = new Set(audit.body.map((a) => a.action));
    for (const a of ['policy.draft.create', 'policy.draft.update', 'policy.draft.delete', 'policy.publish', 'policy.rollback']) expect(actions).toContain(a);
    expect(audit.body.find((a) => a.action === 'policy.publish' && a.target === 'v1')?.actor).toBe('system');
  });

  it('lets finance and viewers read policies and change nothing; refuses proxies, reviewers and anonymous callers', async () => {
    const d = await createDraft();
    const reads = ['/policies/live', '/policies/versions', '/policies/versions/1', '/policies/diff?from=1&to=2', '/policies/drafts', `/policies/drafts/${d.id}`];
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/policies/drafts', {}],
      ['PUT', `/policies/drafts/${d.id}`, { content: SEED_POLICY }],
      ['POST', `/policies/drafts/${d.id}/validate`, undefined],
      ['POST', `/policies/drafts/${d.id}/publish`, { message: 'x' }],
      ['DELETE', `/policies/drafts/${d.id}`, undefined],
      ['POST', '/policies/versions/1/rollback', {}],
    ];
    const reviewer = (await cp.createUser('reviewer')).token;
    for (const token of [finance, viewer]) {
      for (const path of reads) expect([path, (await cp.request('GET', path, undefined, token)).status]).toEqual([path, 200]);
      for (const [method, path, body] of writes) expect([method, path, (await cp.request(method, path, body, token)).status]).toEqual([method, path, 403]);
    }
    for (const path of reads) {
      expect((await cp.request('GET', path, undefined, reviewer)).status).toBe(403);
      expect((await cp.request('GET', path, undefined, cp.proxyToken)).status).toBe(403);
      expect((await cp.request('GET', path, undefined, null)).status).toBe(401);
    }
    for (const [method, path, body] of writes) {
      expect((await cp.request(method, path, body, cp.proxyToken)).status).toBe(403);
      expect((await cp.request(method, path, body, null)).status).toBe(401);
    }
    expect((await cp.request('GET', `/policies/drafts/${d.id}`)).status).toBe(200);
  });
});
