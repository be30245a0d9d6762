import type { ReviewResultRow, ReviewResultsResponse } from '@switchyard/contracts';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { CHEAP, DEAR, importJsonl, markedPair, reviewEverything, toJsonl, type Preference } from './support/review-helpers';

const QWEN = 'Qwen/Qwen3-32B';
const ZAI = 'zai-org/GLM-4-Plus';

/**
 * Two reviewers judge four buckets with preferences fixed by the test; every figure
 * below is worked out by hand (seed catalog prices: DeepSeek-V4-Flash 0.27/1.10,
 * Qwen3-32B 0.30/1.20, GLM-4-Plus 0.20/0.80, gpt-4o 2.50/10.00 USD per million in/out).
 */
describe('GET /reviews/results', () => {
  let cp: ControlPlaneHarness;
  let results: ReviewResultsResponse;
  const row = (bucket: string): ReviewResultRow => results.rows.find((r) => r.bucket === bucket)!;

  beforeAll(async () => {
    cp = await startControlPlane();
    const pairs = [
      // standard: with token counts, in March
      ...Array.from({ length: 10 }, (_, i) =>
        markedPair('standard', i, {
          ts: `2026-03-${String(i + 1).padStart(2, '0')}T12:00:00Z`,
          candidate: { model: CHEAP, output: `cand|standard|${i}`, usage: { promptTokens: 1000, completionTokens: 500 } },
          baseline: { model: DEAR, output: `base|standard|${i}`, usage: { promptTokens: 1000, completionTokens: 300 } },
        }),
      ),
      // bulk: no token counts (estimated from text: 400-char prompt, 200-char answers), in April
      ...Array.from({ length: 12 }, (_, i) =>
        markedPair('bulk', i, {
          ts: '2026-04-15T08:00:00Z',
          prompt: `P${String(i).padStart(3, '0')}`.padEnd(400, '.'),
          candidate: { model: QWEN, output: `cand|bulk|${i}|`.padEnd(200, '.') },
          baseline: { model: DEAR, output: `base|bulk|${i}|`.padEnd(200, '.') },
        }),
      ),
      ...Array.from({ length: 6 }, (_, i) => markedPair('better', i, { ts: '2026-04-15T08:00:00Z', candidate: { model: ZAI, output: `cand|better|${i}` } })),
      ...Array.from({ length: 2 }, (_, i) => markedPair('tiny', i, { ts: '2026-04-15T08:00:00Z' })),
    ];
    const imported = await importJsonl(cp, toJsonl(pairs));
    expect(imported.body.accepted).toBe(30);

    const standard = (who: 1 | 2) => (i: number): Preference => {
      // reviewer 1: candidate on 0-5, baseline on 6-8, tie on 9; reviewer 2: candidate on 0-4, baseline on 5-8, tie on 9
      const lastCandidate = who === 1 ? 5 : 4;
      return i <= lastCandidate ? 'candidate' : i <= 8 ? 'baseline' : 'tie';
    };
    for (const who of [1, 2] as const) {
      const reviewer = await cp.createUser('reviewer');
      await reviewEverything(cp, reviewer.token, (bucket, i) => {
        if (bucket === 'standard') return standard(who)(i);
        if (bucket === 'bulk') return 'baseline';
        return 'candidate';
      });
    }
    const r = await cp.request<ReviewResultsResponse>('GET', '/reviews/results');
    expect(r.status).toBe(200);
    results = r.body;
  });
  afterAll(async () => {
    await cp?.close();
  });

  it('groups by bucket × model pair', () => {
    expect(results.rows.map((r) => [r.bucket, r.candidateModel, r.baselineModel])).toEqual([
      ['better', ZAI, DEAR],
      ['bulk', QWEN, DEAR],
      ['standard', CHEAP, DEAR],
      ['tiny', CHEAP, DEAR],
    ]);
    expect(results.minDecisive).toBe(10);
  });

  it('standard: 11 wins, 7 losses, 2 ties → 11/18 with Wilson [0.3862, 0.7969] spanning 50%: no detectable difference', () => {
    const s = row('standard');
    expect(s).toMatchObject({ pairs: 10, judgements: 20, wins: 11, losses: 7, ties: 2, verdict: 'no detectable difference' });
    expect(s.candidateShare).toBeCloseTo(0.55, 10);
    expect(s.baselineShare).toBeCloseTo(0.35, 10);
    // p = 11/18 = 0.6111; z²/n = 0.21341; centre = 0.59157; half = 1.96·√(0.013203 + 0.0029641) / 1.21341 = 0.20538
    expect(s.preference.method).toBe('wilson-95');
    expect(s.preference.rate).toBeCloseTo(0.6111, 4);
    expect(s.preference.low).toBeCloseTo(0.3862, 4);
    expect(s.preference.high).toBeCloseTo(0.7969, 4);
  });

  it('standard: agreement on 10 doubly-judged pairs is 90% with Fleiss kappa 93/113', () => {
    // 9 of 10 pairs agree → P̄ = 0.9; shares C 11/20, B 7/20, T 2/20 → P_e = (121 + 49 + 4) / 400 = 0.435
    // κ = (0.9 − 0.435) / (1 − 0.435) = 0.465 / 0.565 = 93/113 = 0.8230
    const a = row('standard').agreement;
    expect(a).toMatchObject({ pairs: 10, method: 'fleiss' });
    expect(a.percent).toBeCloseTo(0.9, 10);
    expect(a.kappa).toBeCloseTo(93 / 113, 10);
  });

  it('standard: cost per request from the pairs’ token counts at catalog prices', () => {
    // candidate 1000 × 0.27/1e6 + 500 × 1.10/1e6 = 0.00027 + 0.00055 = 0.00082
    // baseline  1000 × 2.50/1e6 + 300 × 10.00/1e6 = 0.0025 + 0.003 = 0.0055
    expect(row('standard').cost).toEqual({
      candidatePerRequestUsd: '0.00082',
      baselinePerRequestUsd: '0.0055',
      differencePerRequestUsd: '-0.00468',
      change: expect.closeTo(-0.850909, 6),
      pricedPairs: 10,
      estimatedPairs: 0,
    });
  });

  it('bulk: every judgement for the baseline → 0/24, Wilson [0, 0.1380]: candidate worse; unanimous, so kappa is undefined', () => {
    const b = row('bulk');
    expect(b).toMatchObject({ wins: 0, losses: 24, ties: 0, verdict: 'candidate worse' });
    expect(b.preference.low).toBeCloseTo(0, 10);
    // z²/n = 0.160063; centre = half = 0.080031 / 1.160063 = 0.068988 → high 0.137976
    expect(b.preference.high).toBeCloseTo(0.138, 4);
    expect(b.agreement).toMatchObject({ pairs: 12, percent: 1, kappa: null });
  });

  it('bulk: without token counts the cost is estimated from text and says so', () => {
    // prompt 400 chars → 100 + 3 + 3 = 106 tokens; answers 200 chars → 50 tokens
    // candidate 106 × 0.30/1e6 + 50 × 1.20/1e6 = 0.0000318 + 0.00006 = 0.0000918
    // baseline  106 × 2.50/1e6 + 50 × 10.00/1e6 = 0.000265 + 0.0005 = 0.000765
    expect(row('bulk').cost).toMatchObject({
      candidatePerRequestUsd: '0.0000918',
      baselinePerRequestUsd: '0.000765',
      differencePerRequestUsd: '-0.0006732',
      pricedPairs: 12,
      estimatedPairs: 12,
    });
  });

  it('better: 12 of 12 → Wilson [0.7575, 1]: candidate better; tiny: 4 judgements → not enough judgements', () => {
    expect(row('better')).toMatchObject({ wins: 12, losses: 0, verdict: 'candidate better' });
    expect(row('better').preference.low).toBeCloseTo(0.7575, 4);
    expect(row('tiny')).toMatchObject({ wins: 4, judgements: 4, verdict: 'not enough judgements' });
  });

  it('filters by bucket and by request day (UTC, `to` inclusive)', async () => {
    const march = await cp.request<ReviewResultsResponse>('GET', '/reviews/results?from=2026-03-01&to=2026-03-05');
    expect(march.body.rows.map((r) => [r.bucket, r.pairs])).toEqual([['standard', 5]]);
    const bulk = await cp.request<ReviewResultsResponse>('GET', '/reviews/results?bucket=bulk');
    expect(bulk.body.rows.map((r) => r.bucket)).toEqual(['bulk']);
    const bad = await cp.request('GET', '/reviews/results?from=March');
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('from');
  });

  it('is open to admin and finance only', async () => {
    const finance = await cp.createUser('finance');
    expect((await cp.request('GET', '/reviews/results', undefined, finance.token)).status).toBe(200);
    const viewer = await cp.createUser('viewer');
    expect((await cp.request('GET', '/reviews/results', undefined, viewer.token)).status).toBe(403);
    expect((await cp.request('GET', '/reviews/next', undefined, finance.token)).status).toBe(403);
  });
});
