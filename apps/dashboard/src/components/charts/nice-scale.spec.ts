import { niceAxis } from './nice-scale';

describe('niceAxis', () => {
  it('rounds the top up to a readable step', () => {
    expect(niceAxis(33.7)).toEqual({ top: 40, ticks: [0, 10, 20, 30, 40] });
    expect(niceAxis(1.83)).toEqual({ top: 2, ticks: [0, 0.5, 1, 1.5, 2] });
    expect(niceAxis(0.071)).toEqual({ top: 0.08, ticks: [0, 0.02, 0.04, 0.06, 0.08] });
    expect(niceAxis(9000)).toEqual({ top: 10000, ticks: [0, 2500, 5000, 7500, 10000] });
  });

  it('never returns an empty axis', () => {
    expect(niceAxis(0).top).toBe(1);
    expect(niceAxis(Number.NaN).top).toBe(1);
  });
});
