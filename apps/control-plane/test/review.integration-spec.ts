import { randomUUID } from 'node:crypto';
import { createApiClient } from '@switchyard/api-client';
import type { NextReviewResponse, ReviewImportResult } from '@switchyard/contracts';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { CHEAP, DEAR, importJsonl, markedPair, reviewEverything, toJsonl } from './support/review-helpers';

const shadowPair = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  ts: '2026-05-01T10:00:00.000Z',
  proxyId: 'proxy-1',
  policyVersion: 3,
  bucket: 'standard',
  team: 'content',
  prompt: [{ role: 'user', content: 'Write a haiku about queues.' }],
  candidate: { model: CHEAP, output: 'cand|standard|900', usage: { promptTokens: 12, completionTokens: 20, cachedTokens: 0 } },
  baseline: { model: DEAR, output: 'base|standard|900', usage: { promptTokens: 12, completionTokens: 25 } },
  ...over,
});

describe('blind review: pairs in, blind judging out', () => {
  let cp: ControlPlaneHarness;
  beforeAll(async () => {
    cp = await startControlPlane();
  });
  afterAll(async () => {
    await cp?.close();
  });

  describe('POST /proxy/review-pairs', () => {
    it('stores shadow pairs once however often they are sent, and rejects bad ones by index', async () => {
      const a = shadowPair();
      const b = shadowPair({ id: randomUUID(), candidate: { model: CHEAP, output: 'cand|standard|901' }, baseline: { model: DEAR, output: 'base|standard|901' } });
      const bad = { ...shadowPair(), bucket: 'Not A Bucket' };
      const same = shadowPair({ id: randomUUID(), baseline: { model: CHEAP, output: 'x' } });
      const first = await cp.request('POST', '/proxy/review-pairs', { pairs: [a, b, bad, same, a] }, cp.proxyToken);
      expect(first.status).toBe(200);
      expect(first.body.stored).toBe(2);
      expect(first.body.duplicates).toBe(1);
      expect(first.body.rejected.map((r: { index: number }) => r.index)).toEqual([2, 3]);
      expect(first.body.rejected[0].reason).toMatch(/^bucket: /);
      expect(first.body.rejected[1].reason).toMatch(/must differ/);
      const replay = await cp.request('POST', '/proxy/review-pairs', { pairs: [a, b] }, cp.proxyToken);
      expect(replay.body).toEqual({ stored: 0, duplicates: 2, rejected: [] });
    });

    it('is for proxies only, and refuses a malformed batch with 400', async () => {
      expect((await cp.request('POST', '/proxy/review-pairs', { pairs: [] })).status).toBe(403);
      expect((await cp.request('POST', '/proxy/review-pairs', { pairs: [] }, null)).status).toBe(401);
      const r = await cp.request('POST', '/proxy/review-pairs', { nope: 1 }, cp.proxyToken);
      expect(r.status).toBe(400);
    });
  });

  describe('POST /reviews/import', () => {
    it('reports every line (accepted, duplicate, rejected with line number and reason) and stores the good ones', async () => {
      const lines = [
        JSON.stringify(markedPair('imported', 1)),
        '',
        '{"bucket": "imported", "prompt": ',
        JSON.stringify(markedPair('imported', 2, { candidate: { model: 'not a model id', output: 'x' } })),
        JSON.stringify(markedPair('imported', 3, { prompt: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Q3' }] })),
        JSON.stringify(markedPair('imported', 1)),
      ];
      const r = await importJsonl(cp, lines.join('\n'));
      expect(r.status).toBe(200);
      const body = r.body as ReviewImportResult;
      expect({ accepted: body.accepted, duplicates: body.duplicates, rejected: body.rejected }).toEqual({ accepted: 2, duplicates: 1, rejected: 2 });
      expect(body.lines.map((l) => [l.line, l.status])).toEqual([
        [1, 'accepted'],
        [3, 'rejected'],
        [4, 'rejected'],
        [5, 'accepted'],
        [6, 'duplicate'],
      ]);
      expect(body.lines[1].reason).toMatch(/not valid JSON/);
      expect(body.lines[2].reason).toMatch(/^candidate\.model: /);

      const again = await importJsonl(cp, JSON.stringify({ jsonl: lines[0] }), cp.adminToken, 'application/json');
      expect(again.body).toMatchObject({ accepted: 0, duplicates: 1, rejected: 0 });
      const audit = await cp.request('GET', '/audit?limit=10');
      expect(audit.body.some((e: { action: string; details: { accepted: number } }) => e.action === 'reviews.import' && e.details.accepted === 2)).toBe(true);
    });

    it('is for admins only', async () => {
      const finance = await cp.createUser('finance');
      expect((await importJsonl(cp, JSON.stringify(markedPair('imported', 50)), finance.token)).status).toBe(403);
    });
  });

  describe('GET /reviews/next and POST /reviews/:pairId/judgement', () => {
    it('serves a pair with unlabelled sides and no model identity anywhere, the same layout until judged, then once only', async () => {
      const reviewer = await cp.createUser('reviewer');
      const r = await cp.request<NextReviewResponse>('GET', '/reviews/next', undefined, reviewer.token);
      expect(r.status).toBe(200);
      expect(Object.keys(r.body).sort()).toEqual(['item', 'progress']);
      expect(Object.keys(r.body.item!).sort()).toEqual(['a', 'b', 'pairId', 'prompt']);
      expect(r.body.progress).toEqual({ judged: 0, remaining: 4 });
      const text = JSON.stringify(r.body);
      for (const hidden of [CHEAP, DEAR, 'DeepSeek', 'gpt', 'candidate', 'baseline', 'model', 'bucket']) expect(text).not.toContain(hidden);

      const again = await cp.request<NextReviewResponse>('GET', '/reviews/next', undefined, reviewer.token);
      expect(again.body.item).toEqual(r.body.item);

      const pairId = r.body.item!.pairId;
      const judged = await cp.request('POST', `/reviews/${pairId}/judgement`, { choice: 'a', note: 'clearer' }, reviewer.token);
      expect(judged.status).toBe(201);
      expect(judged.body).toMatchObject({ pairId, choice: 'a' });
      const twice = await cp.request('POST', `/reviews/${pairId}/judgement`, { choice: 'b' }, reviewer.token);
      expect(twice.status).toBe(409);
      const after = await cp.request<NextReviewResponse>('GET', '/reviews/next', undefined, reviewer.token);
      expect(after.body.item!.pairId).not.toBe(pairId);
      expect(after.body.progress).toEqual({ judged: 1, remaining: 3 });
    });

    it('refuses a judgement for a pair not served to the caller (409), an unknown pair (404) and bad input (400)', async () => {
      const reviewer = await cp.createUser('reviewer');
      const served = (await cp.request<NextReviewResponse>('GET', '/reviews/next', undefined, reviewer.token)).body.item!;
      const other = await cp.createUser('reviewer');
      expect((await cp.request('POST', `/reviews/${served.pairId}/judgement`, { choice: 'a' }, other.token)).status).toBe(409);
      expect((await cp.request('POST', `/reviews/${randomUUID()}/judgement`, { choice: 'a' }, reviewer.token)).status).toBe(404);
      expect((await cp.request('POST', `/reviews/not-a-uuid/judgement`, { choice: 'a' }, reviewer.token)).status).toBe(400);
      const bad = await cp.request('POST', `/reviews/${served.pairId}/judgement`, { choice: 'left' }, reviewer.token);
      expect(bad.status).toBe(400);
      expect(bad.body.issues[0].path).toBe('choice');
    });

    it('gives each reviewer every pair exactly once and then nothing', async () => {
      const reviewer = await cp.createUser('reviewer');
      const seen = await reviewEverything(cp, reviewer.token, () => 'tie');
      expect(seen.judged).toBe(4);
      const done = await cp.request<NextReviewResponse>('GET', '/reviews/next', undefined, reviewer.token);
      expect(done.body).toEqual({ item: null, progress: { judged: 4, remaining: 0 } });
    });

    it('is reachable through the typed API client the dashboard uses', async () => {
      const admin = createApiClient({ baseUrl: cp.api, token: cp.adminToken });
      const imported = await admin.reviews.importJsonl(toJsonl([markedPair('client', 1)]));
      expect(imported).toMatchObject({ accepted: 1, rejected: 0 });
      const reviewer = await cp.createUser('reviewer');
      const api = createApiClient({ baseUrl: cp.api, token: reviewer.token });
      const next = await api.reviews.next();
      expect(next.item).not.toBeNull();
      await expect(api.reviews.judge(next.item!.pairId, { choice: 'b', note: 'terser' })).resolves.toMatchObject({ choice: 'b' });
      const results = await admin.reviews.results({ bucket: 'client' });
      expect(results.rows).toHaveLength(1);
      expect(results.rows[0].judgements).toBe(1);
      await expect(api.reviews.results()).rejects.toMatchObject({ status: 403 });
    });

    it('randomises sides per pair and per reviewer: over 120 pairs each layout shows up about half the time', async () => {
      const imported = await importJsonl(cp, toJsonl(Array.from({ length: 120 }, (_, i) => markedPair('sides', i))));
      expect(imported.body.accepted).toBe(120);
      const one = await cp.createUser('reviewer');
      const two = await cp.createUser('reviewer');
      const first = await reviewEverything(cp, one.token, () => 'tie');
      const second = await reviewEverything(cp, two.token, () => 'tie');
      expect(first.judged).toBe(125);
      expect(second.judged).toBe(125);
      // Binomial(125, 0.5): mean 62.5, sd 5.6 — these bounds are 4 sd either side.
      expect(first.candidateAsA).toBeGreaterThan(40);
      expect(first.candidateAsA).toBeLessThan(85);
      expect(second.candidateAsA).toBeGreaterThan(40);
      expect(second.candidateAsA).toBeLessThan(85);
      let differentLayout = 0;
      for (const [pair, side] of first.layout) if (second.layout.get(pair) !== side) differentLayout++;
      expect(differentLayout).toBeGreaterThan(40);
      expect(differentLayout).toBeLessThan(85);
    });
  });
});
