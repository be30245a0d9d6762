import { raterAgreement } from './rater-agreement';
import { reviewVerdict } from './verdict';
import { wilsonInterval } from './wilson-interval';

/*
 * Expected values are worked out by hand from the formulas (z = 1.96):
 *   Wilson 8 of 10: p = 0.8, z²/n = 0.38416, denom = 1.38416
 *     centre = (0.8 + 0.19208) / 1.38416 = 0.716738
 *     half   = 1.96·√(0.016 + 0.009604) / 1.38416 = 1.96·0.160012 / 1.38416 = 0.226581
 *     → [0.4902, 0.9433]
 *   Wilson 0 of 10: centre = 0.19208 / 1.38416 = 0.138770, half = 1.96·√0.009604 / 1.38416 = 0.138770
 *     → [0, 0.2775]
 */
describe('wilsonInterval', () => {
  it('matches hand-computed intervals', () => {
    const a = wilsonInterval(8, 10)!;
    expect(a.rate).toBe(0.8);
    expect(a.low).toBeCloseTo(0.4902, 4);
    expect(a.high).toBeCloseTo(0.9433, 4);
    const b = wilsonInterval(0, 10)!;
    expect(b.low).toBe(0);
    expect(b.high).toBeCloseTo(0.2775, 4);
    const c = wilsonInterval(10, 10)!;
    expect(c.low).toBeCloseTo(0.7225, 4);
    expect(c.high).toBeCloseTo(1, 10);
  });

  it("reads the issue's two workloads: 47 vs 49 is a wash, 38 vs 57 is borderline, twice as much data settles it", () => {
    // 47 of 96: p = 0.48958, centre 0.48999, half 0.09806 → [0.3919, 0.5880]
    const wash = wilsonInterval(47, 96)!;
    expect(wash.low).toBeCloseTo(0.3919, 4);
    expect(wash.high).toBeCloseTo(0.588, 4);
    expect(reviewVerdict(wash, 96, 10)).toBe('no detectable difference');
    // 38 of 95: p = 0.4, centre 0.403887, half 0.096658 → [0.3072, 0.5005] (still spans 50%)
    const standard = wilsonInterval(38, 95)!;
    expect(standard.low).toBeCloseTo(0.3072, 4);
    expect(standard.high).toBeCloseTo(0.5005, 4);
    expect(reviewVerdict(standard, 95, 10)).toBe('no detectable difference');
    // 76 of 190 → [0.3330, 0.4710]: entirely below 50%
    const more = wilsonInterval(76, 190)!;
    expect(more.high).toBeCloseTo(0.471, 4);
    expect(reviewVerdict(more, 190, 10)).toBe('candidate worse');
  });

  it('has no interval without trials and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
  });
});

describe('reviewVerdict', () => {
  it('needs the minimum of non-tie judgements, then reads the interval against 50%', () => {
    expect(reviewVerdict(null, 0, 10)).toBe('not enough judgements');
    expect(reviewVerdict(wilsonInterval(9, 9), 9, 10)).toBe('not enough judgements');
    expect(reviewVerdict(wilsonInterval(10, 10), 10, 10)).toBe('candidate better');
    expect(reviewVerdict(wilsonInterval(0, 10), 10, 10)).toBe('candidate worse');
    expect(reviewVerdict(wilsonInterval(5, 10), 10, 10)).toBe('no detectable difference');
  });
});

describe('raterAgreement (Fleiss kappa)', () => {
  it('matches the textbook example (Fleiss 1971, 10 subjects × 14 raters × 5 categories): P̄ = 0.3780, P_e = 0.2128, κ = 0.2099', () => {
    const items = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];
    const r = raterAgreement(items);
    expect(r.items).toBe(10);
    expect(r.percent).toBeCloseTo(0.378, 3);
    expect(r.kappa).toBeCloseTo(0.2099, 4);
  });

  it('matches a hand-worked review example with two reviewers per pair', () => {
    // categories [candidate, baseline, tie]:
    // (C,C) P=1; (C,B) P=0; (B,B) P=1; (C,T) P=0 → P̄ = 0.5
    // shares C 4/8, B 3/8, T 1/8 → P_e = 0.25 + 0.140625 + 0.015625 = 0.40625
    // κ = (0.5 − 0.40625) / (1 − 0.40625) = 0.09375 / 0.59375 = 3/19
    const r = raterAgreement([[2, 0, 0], [1, 1, 0], [0, 2, 0], [1, 0, 1]]);
    expect(r).toEqual({ items: 4, percent: 0.5, kappa: expect.closeTo(3 / 19, 12) });
  });

  it('handles a varying number of reviewers and ignores pairs judged once', () => {
    // + a pair judged C,C,C (P=1) and one judged once (ignored):
    // P̄ = 3/5 = 0.6; shares C 7/11, B 3/11, T 1/11 → P_e = 59/121; κ = (0.6 − 59/121)/(62/121) = 13.6/62
    const r = raterAgreement([[2, 0, 0], [1, 1, 0], [0, 2, 0], [1, 0, 1], [3, 0, 0], [0, 1, 0]]);
    expect(r.items).toBe(5);
    expect(r.percent).toBeCloseTo(0.6, 12);
    expect(r.kappa).toBeCloseTo(13.6 / 62, 12);
  });

  it('gives perfect agreement and κ = 1 when reviewers always agree across categories, and no κ when every rating is the same', () => {
    expect(raterAgreement([[2, 0, 0], [0, 2, 0]])).toEqual({ items: 2, percent: 1, kappa: 1 });
    expect(raterAgreement([[2, 0, 0], [3, 0, 0]])).toEqual({ items: 2, percent: 1, kappa: null });
    expect(raterAgreement([[1, 0, 0]])).toEqual({ items: 0, percent: null, kappa: null });
  });
});
