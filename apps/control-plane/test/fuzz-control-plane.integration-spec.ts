import crypto from 'node:crypto';
import fc from 'fast-check';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { policyContent, policySnapshot, SEED_POLICY, validatePolicy, type CatalogEntry, type CatalogModel } from '@switchyard/contracts';
import { parsePolicyYaml, policyToYaml } from '../../cli/src/policy-yaml/policy-yaml';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { bodyFor, changedTables, mutate, paramValue, queryString, sampleBodies, stateFingerprint } from './support/fuzz-inputs';
import { makeEvent } from './support/usage-events';

/*
 * Properties collect every problem and always hold, so one run reports all of them at
 * once (with the inputs) instead of stopping and shrinking at the first.
 */

/**
 * Property-based fuzzing of the control plane's inputs: random bodies and path
 * parameters for every write route the OpenAPI document lists, random query strings
 * for every read route, random policies into drafts and publish, random YAML into the
 * CLI's policy parser (and what it accepts into publish), random usage batches. The
 * properties: never a 5xx; a rejected input (4xx) changes no table; the server still
 * answers /health at the end. Each prints how many cases ran; FUZZ_SEED replays one.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

describe('fuzz: the control plane never answers 5xx and a rejected input changes nothing', () => {
  let cp: ControlPlaneHarness;
  let catalog: CatalogEntry[];
  let draftId: string;
  let doc: { paths: Record<string, Record<string, unknown>> };
  const totals = { cases: 0, rejected: 0 };

  /** Sends a raw body; returns status and parsed body. */
  const send = async (method: string, path: string, body: string | undefined, token: string | null) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${cp.url}${path}`, { method, headers, body, signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    totals.cases++;
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json };
  };

  beforeAll(async () => {
    // Rollups, rollout checks and upkeep are pushed out of the test's way, so that only requests change state.
    cp = await startControlPlane({ config: { rollupDelayMs: 3_600_000, rolloutEvaluateMs: 600_000, loginMaxAttempts: 1000 } });
    catalog = (await cp.request<CatalogModel[]>('GET', '/models')).body.map((m) => ({ id: m.id, kind: m.kind, enabled: m.enabled }));
    draftId = (await cp.request<{ id: string }>('POST', '/policies/drafts', { name: 'fuzz base' })).body.id;
    doc = (await (await fetch(`${cp.url}/api/docs-json`)).json()) as typeof doc;
    console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} to replay)`);
  }, 120_000);
  afterAll(async () => {
    await cp?.close();
  });

  it('every write route in the OpenAPI document: random bodies and path parameters', async () => {
    const samples = sampleBodies({ draftId });
    const known = [draftId, '1', 'openai%2Fgpt-4o', (await cp.createApiKey('fuzz-known')).id];
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m)).map((m) => [m.toUpperCase(), path] as const));
    expect(routes.length).toBeGreaterThan(20);
    const perRoute = 24;
    const problems: string[] = [];
    let before = await stateFingerprint(cp);
    for (const [method, path] of routes) {
      const key = `${method} ${path}`;
      const token = path.startsWith('/api/v1/proxy/') ? cp.proxyToken : path === '/api/v1/auth/login' ? null : cp.adminToken;
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      await fc.assert(
        fc.asyncProperty(fc.array(paramValue(known), { minLength: params.length, maxLength: params.length }), bodyFor(samples[key]), async (values, body) => {
          let i = 0;
          const url = path.replace(/\{\w+\}/g, () => values[i++]);
          const r = await send(method, url, method === 'DELETE' ? undefined : body, token);
          if (r.status >= 500) problems.push(`${method} ${url} ${body.slice(0, 200)} → ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
          const after = await stateFingerprint(cp);
          if (r.status >= 400) {
            totals.rejected++;
            const changed = changedTables(before, after);
            if (changed.length) problems.push(`${method} ${url} ${body.slice(0, 200)} → ${r.status} but changed ${changed.join(', ')}`);
          }
          before = after;
          return true;
        }),
        { numRuns: perRoute, seed: SEED, endOnFailure: true },
      );
    }
    console.log(`fuzz: control plane write routes ${routes.length} × ${perRoute} = ${(routes.length * perRoute).toLocaleString('en-US')} cases, ${problems.length} problems`);
    expect(problems).toEqual([]);
  }, 600_000);

  it('every read route: random query strings and path parameters', async () => {
    const routes = Object.entries(doc.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([p]) => p)
      .filter((p) => !p.endsWith('/stream') && !p.includes('/proxy/policy'));
    const problems: string[] = [];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), paramValue([draftId, '1']), queryString(), async (path, param, query) => {
        n++;
        const token = path.startsWith('/api/v1/proxy/') ? cp.proxyToken : cp.adminToken;
        const url = `${path.replace(/\{\w+\}/g, param)}${query}`;
        const r = await send('GET', url, undefined, token);
        if (r.status >= 500) problems.push(`GET ${url} → ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
        return true;
      }),
      { numRuns: 400, seed: SEED, endOnFailure: true },
    );
    // The long-poll too, with hostile waits (short ones only: a valid wait holds the request).
    for (const wait of ['-1', '61', 'abc', '1e3', '0.5', '0']) {
      const r = await send('GET', `/api/v1/proxy/policy?wait=${wait}`, undefined, cp.proxyToken);
      if (r.status >= 500) problems.push(`GET /proxy/policy?wait=${wait} → ${r.status}`);
    }
    console.log(`fuzz: control plane read routes ${(n + 6).toLocaleString('en-US')} cases, ${problems.length} 5xx`);
    expect(problems).toEqual([]);
  }, 600_000);

  it('random policies into a draft and publish: saved, validated like the contracts library, published only when valid', async () => {
    const versions = async () => (await cp.request<unknown[]>('GET', '/policies/versions')).body.length;
    const models = [...catalog.map((m) => m.id), 'nope/model', 'openai/text-embedding-3-small'];
    const bucket = fc.record(
      {
        name: fc.oneof(fc.constantFrom('bulk', 'standard', 'critical', 'extra', 'Bad Name', ''), fc.string({ maxLength: 8 })),
        targets: fc.array(fc.record({ model: fc.constantFrom(...models), weight: fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constantFrom(100, 50, 0, 1.5)) }), { maxLength: 3 }),
        fallbacks: fc.array(fc.constantFrom(...models), { maxLength: 2 }),
        cache: fc.record({ threshold: fc.double({ min: -1, max: 2, noNaN: true }), ttlSeconds: fc.integer({ min: -10, max: 40 * 24 * 3600 }), maxTemperature: fc.double({ min: -1, max: 3, noNaN: true }) }, { requiredKeys: [] }),
        limits: fc.record({ attemptTimeoutMs: fc.integer({ min: 0, max: 700_000 }), maxAttempts: fc.integer({ min: 0, max: 12 }) }, { requiredKeys: [] }),
      },
      { requiredKeys: ['name', 'targets'] },
    );
    const generated = fc.record({
      defaultBucket: fc.constantFrom('bulk', 'standard', 'critical', 'extra', 'missing'),
      baselineModel: fc.constantFrom(...models),
      buckets: fc.array(bucket, { maxLength: 4 }),
    });
    // Mostly the seed policy with one split changed (often valid), plus wholly random ones and single-field mutations.
    const split = fc.integer({ min: 0, max: 100 }).map((n) => ({
      ...SEED_POLICY,
      buckets: SEED_POLICY.buckets.map((b) => (b.name === 'bulk' ? { ...b, targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 - n }, { model: 'zai-org/GLM-4-Plus', weight: n }] } : b)),
    }));
    const content = fc.oneof(generated, split, mutate(SEED_POLICY));
    // A draft of its own (the write-route fuzzing may have deleted or published the shared one).
    const draftId = (await cp.request<{ id: string }>('POST', '/policies/drafts', { name: 'fuzz policies' })).body.id;
    const problems: string[] = [];
    let n = 0;
    let published = 0;
    await fc.assert(
      fc.asyncProperty(content, async (c) => {
        n++;
        const v0 = await versions();
        const put = await send('PUT', `/api/v1/policies/drafts/${draftId}`, JSON.stringify({ content: c }), cp.adminToken);
        const expected = validatePolicy(c, catalog);
        if (put.status >= 500) problems.push(`PUT → ${put.status}`);
        // A refused PUT leaves the draft as it was: what publish does next says nothing about this content.
        if (put.status >= 300) return true;
        const pub = await send('POST', `/api/v1/policies/drafts/${draftId}/publish`, JSON.stringify({ message: 'fuzz' }), cp.adminToken);
        const v1 = await versions();
        if (pub.status >= 500) problems.push(`publish → ${pub.status} ${JSON.stringify(pub.json).slice(0, 300)}`);
        if (pub.status === 201) {
          published++;
          if (!expected.ok) problems.push(`published content the contracts library rejects: ${JSON.stringify(c).slice(0, 300)}`);
          if (v1 !== v0 + 1) problems.push(`201 but versions ${v0} → ${v1}`);
          const snap = await cp.request('GET', '/proxy/policy', undefined, cp.proxyToken);
          if (!policySnapshot.safeParse(snap.body).success) problems.push('the published snapshot does not parse as a PolicySnapshot');
        } else {
          if (v1 !== v0) problems.push(`${pub.status} but versions ${v0} → ${v1}`);
          // A valid draft is refused only as "no changes" (409); an invalid one with 400.
          if (expected.ok && pub.status !== 409) problems.push(`valid content refused: ${pub.status} ${JSON.stringify(pub.json).slice(0, 300)}`);
        }
        return true;
      }),
      { numRuns: 150, seed: SEED, endOnFailure: true },
    );
    console.log(`fuzz: control plane policies ${n} cases (${published} published), ${problems.length} problems`);
    expect(problems).toEqual([]);
  }, 600_000);

  it('random YAML into the policy YAML parser; what it accepts, the control plane publishes', async () => {
    const valid = policyToYaml(policyContent.parse(SEED_POLICY), 'fuzz');
    const lines = valid.split('\n');
    const edited = fc
      .tuple(fc.nat(lines.length - 1), fc.constantFrom('delete', 'duplicate', 'insert', 'indent', 'truncate'), fc.string({ maxLength: 20 }))
      .map(([at, op, text]) => {
        const l = [...lines];
        if (op === 'delete') l.splice(at, 1);
        else if (op === 'duplicate') l.splice(at, 0, l[at]);
        else if (op === 'insert') l.splice(at, 0, text);
        else if (op === 'indent') l[at] = ` ${l[at]}`;
        else return l.join('\n').slice(0, Math.floor((at / lines.length) * valid.length));
        return l.join('\n');
      });
    const structured = fc.oneof(mutate(parseYaml(valid)), fc.jsonValue({ maxDepth: 4 })).map((v) => toYaml(v));
    const draftId = (await cp.request<{ id: string }>('POST', '/policies/drafts', { name: 'fuzz yaml' })).body.id;
    const text = fc.oneof(edited, edited, structured, fc.string({ maxLength: 200 }), fc.constantFrom('', '---', '- a\n- b', 'a: &x [*x]', 'buckets: !!binary x', '{', ': :'));
    let n = 0;
    let accepted = 0;
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        n++;
        let parsed: ReturnType<typeof parsePolicyYaml>;
        try {
          parsed = parsePolicyYaml(t, catalog);
        } catch (err) {
          problems.push(`threw ${(err as Error).message} on ${JSON.stringify(t).slice(0, 200)}`);
          return true;
        }
        if (!parsed.ok) {
          if (parsed.issues.length === 0 || parsed.issues.some((i) => !(i.line >= 1 && i.column >= 1) || !i.message)) problems.push(`issues without a place or message: ${JSON.stringify(parsed.issues)}`);
          return true;
        }
        accepted++;
        const d = await send('PUT', `/api/v1/policies/drafts/${draftId}`, JSON.stringify({ content: parsed.content }), cp.adminToken);
        const p = await send('POST', `/api/v1/policies/drafts/${draftId}/publish`, JSON.stringify({ message: 'from yaml' }), cp.adminToken);
        if (d.status >= 300 || (p.status !== 201 && p.status !== 409)) problems.push(`YAML the CLI accepts was refused: PUT ${d.status}, publish ${p.status} ${JSON.stringify(p.json).slice(0, 300)}`);
        return true;
      }),
      { numRuns: 700, seed: SEED, endOnFailure: true },
    );
    console.log(`fuzz: policy YAML ${n} cases (${accepted} accepted and published or unchanged), ${problems.length} problems`);
    expect(problems).toEqual([]);
  }, 600_000);

  it('random usage batches: bad events are rejected by index and not stored, good ones stored once, never a 5xx', async () => {
    const rows = async () => Number((await cp.running.infra.database.dataSource.query('SELECT count(*)::int AS n FROM usage_events'))[0].n);
    const event = fc.oneof({ weight: 3, arbitrary: fc.constant(null).map(() => makeEvent({ bucket: 'bulk', servedModel: 'openai/gpt-4o' })) }, { weight: 4, arbitrary: fc.constant(null).chain(() => mutate(makeEvent())) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
    const batch = fc.oneof(
      { weight: 8, arbitrary: fc.array(event, { maxLength: 12 }).map((events) => ({ events })) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      { weight: 1, arbitrary: fc.record({ events: fc.jsonValue({ maxDepth: 2 }) }) },
    );
    const problems: string[] = [];
    let n = 0;
    let events = 0;
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(batch, async (b) => {
        n++;
        const before = await rows();
        const r = await send('POST', '/api/v1/proxy/usage', JSON.stringify(b), cp.proxyToken);
        const after = await rows();
        const sent = Array.isArray((b as { events?: unknown })?.events) ? ((b as { events: unknown[] }).events.length) : 0;
        if (r.status >= 500) problems.push(`→ ${r.status} ${JSON.stringify(b).slice(0, 300)}`);
        else if (r.status >= 400) {
          if (after !== before) problems.push(`${r.status} but rows ${before} → ${after}`);
        } else {
          const res = r.json as { stored: number; duplicates: number; rejected: Array<{ index: number }> };
          events += sent;
          stored += res.stored;
          if (after - before !== res.stored) problems.push(`said stored ${res.stored}, rows grew ${after - before}`);
          if (res.stored + res.duplicates + res.rejected.length !== sent) problems.push(`stored ${res.stored} + duplicates ${res.duplicates} + rejected ${res.rejected.length} ≠ ${sent} sent`);
        }
        return true;
      }),
      { numRuns: 300, seed: SEED, endOnFailure: true },
    );
    console.log(`fuzz: usage batches ${n} cases (${events} events, ${stored} stored), ${problems.length} problems`);
    expect(problems).toEqual([]);
  }, 600_000);

  it('NUL characters (which Postgres cannot store), wherever fuzzing found them: a 400 or a per-item rejection, never a 500, nothing stored', async () => {
    const draftId = (await cp.request<{ id: string }>('POST', '/policies/drafts', { name: 'fuzz nul' })).body.id;
    const before = await stateFingerprint(cp);
    const nul = 'a\u0000b';
    const cases: Array<[string, string, unknown, string | null]> = [
      ['PUT', `/api/v1/policies/drafts/${draftId}`, { content: { ...SEED_POLICY, buckets: nul } }, cp.adminToken],
      ['POST', '/api/v1/policies/drafts', { name: nul }, cp.adminToken],
      ['POST', '/api/v1/keys', { name: nul, team: 'fuzz' }, cp.adminToken],
      ['PATCH', '/api/v1/models/%00', { contextWindow: 1000 }, cp.adminToken],
      ['POST', '/api/v1/providers', { [nul]: 1, name: 'x', baseUrl: 'https://x.example.com' }, cp.adminToken],
      ['GET', '/api/v1/spend?from=2026-01-01&to=2026-01-02&groupBy=team&team=%00', undefined, cp.adminToken],
      ['POST', '/api/v1/auth/login', { email: 'a@b.cd', password: nul }, null],
    ];
    for (const [method, path, body, token] of cases) {
      const r = await send(method, path, body === undefined ? undefined : JSON.stringify(body), token);
      expect({ method, path, status: r.status }).toEqual({ method, path, status: 400 });
    }
    expect(changedTables(before, await stateFingerprint(cp))).toEqual([]);
    const count = async (table: string) => Number((await cp.running.infra.database.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
    const counts = { pairs: await count('review_pairs'), usage: await count('usage_events') };
    // Batch endpoints reject the one item and keep the rest.
    const pair = (text: string) => ({
      id: crypto.randomUUID(),
      ts: new Date().toISOString(),
      bucket: 'bulk',
      team: 't',
      policyVersion: 1,
      proxyId: 'p',
      prompt: [{ role: 'user', content: text }],
      candidate: { model: 'a/b', output: 'o', usage: null },
      baseline: { model: 'c/d', output: 'o', usage: null },
    });
    const pairs = await send('POST', '/api/v1/proxy/review-pairs', JSON.stringify({ pairs: [pair(nul)] }), cp.proxyToken);
    expect(pairs.status).toBeLessThan(300);
    expect(pairs.json).toMatchObject({ stored: 0, rejected: [{ index: 0, reason: expect.stringMatching(/NUL/) }] });
    const line = JSON.stringify({ bucket: 'bulk', prompt: nul, candidate: { model: 'a/b', output: 'x' }, baseline: { model: 'c/d', output: 'y' } });
    const imported = await fetch(`${cp.api}/reviews/import`, { method: 'POST', headers: { authorization: `Bearer ${cp.adminToken}`, 'content-type': 'application/x-ndjson' }, body: `${line}\n` });
    expect(imported.status).toBeLessThan(300);
    expect(JSON.stringify(await imported.json())).toMatch(/NUL/);
    const usage = await send('POST', '/api/v1/proxy/usage', JSON.stringify({ events: [makeEvent({ team: nul })] }), cp.proxyToken);
    expect(usage.json).toMatchObject({ stored: 0, rejected: [{ index: 0 }] });
    // (An import is audited even when every line is rejected: only the stored rows are compared here.)
    expect({ pairs: await count('review_pairs'), usage: await count('usage_events') }).toEqual(counts);
  });

  it('integers beyond a Postgres integer column, wherever fuzzing found them: a 400 (or a per-item rejection), never a 500', async () => {
    const big = 2 ** 31;
    const day = new Date().toISOString().slice(0, 10);
    const cases: Array<[string, string, unknown, string]> = [
      ['GET', `/api/v1/policies/versions/${big}`, undefined, cp.adminToken],
      ['GET', `/api/v1/policies/diff?from=1&to=${big}`, undefined, cp.adminToken],
      ['POST', `/api/v1/policies/versions/${big}/rollback`, { message: 'x' }, cp.adminToken],
      ['POST', '/api/v1/proxy/heartbeat', { proxyId: 'big', name: 'big', appliedVersion: big }, cp.proxyToken],
      ['POST', '/api/v1/proxy/heartbeat', { proxyId: 'big', name: 'big', appliedVersion: 1, rejected: { version: big, reason: 'x' } }, cp.proxyToken],
      ['POST', '/api/v1/rollouts', { version: big, canaryPercent: 10 }, cp.adminToken],
      ['POST', '/api/v1/what-if', { version: big, from: day, to: day }, cp.adminToken],
    ];
    for (const [method, path, body, token] of cases) {
      const r = await send(method, path, body === undefined ? undefined : JSON.stringify(body), token);
      expect({ method, path, status: r.status }).toEqual({ method, path, status: 400 });
    }
    const usage = await send('POST', '/api/v1/proxy/usage', JSON.stringify({ events: [makeEvent(), makeEvent({ promptTokens: big }), makeEvent({ policyVersion: big })] }), cp.proxyToken);
    expect(usage.json).toMatchObject({ stored: 1, rejected: [{ index: 1 }, { index: 2 }] });
  });

  it('is still healthy afterwards', async () => {
    expect((await fetch(`${cp.api}/health`)).status).toBe(200);
    expect((await cp.request('GET', '/policies/live')).status).toBe(200);
    console.log(`fuzz: control plane total ${totals.cases.toLocaleString('en-US')} requests, ${totals.rejected.toLocaleString('en-US')} rejected write inputs checked for no state change, 0 5xx`);
  });
});
