import { randomUUID } from 'node:crypto';
import { isSampled, sampleShare } from './shadow-sampling';

describe('shadow sampling share', () => {
  it('is a pure function of the request id, in [0, 1)', () => {
    const id = randomUUID();
    expect(sampleShare(id)).toBe(sampleShare(id));
    for (let i = 0; i < 1000; i++) {
      const s = sampleShare(randomUUID());
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(1);
    }
  });

  it.each([
    [0.02, 0.02],
    [0.1, 0.03],
    [0.5, 0.05],
  ])('samples about %p of 2,000 request ids (within %p)', (rate, tolerance) => {
    let sampled = 0;
    for (let i = 0; i < 2000; i++) if (isSampled(randomUUID(), rate)) sampled++;
    // sd of the share √(r(1−r)/2000): 0.0031, 0.0067, 0.011 — each tolerance is at least 4.5 sd.
    expect(Math.abs(sampled / 2000 - rate)).toBeLessThan(tolerance);
  });

  it('never samples at rate 0 and always at rate 1', () => {
    for (let i = 0; i < 500; i++) {
      const id = randomUUID();
      expect(isSampled(id, 0)).toBe(false);
      expect(isSampled(id, 1)).toBe(true);
    }
  });
});
