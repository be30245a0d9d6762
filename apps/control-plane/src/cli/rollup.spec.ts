import { parseArgs } from './rollup';

describe('rollup CLI arguments', () => {
  it('takes a day range, --to defaulting to --from', () => {
    expect(parseArgs(['--from', '2026-11-01', '--to', '2026-11-30'])).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(parseArgs(['--from', '2026-11-05'])).toEqual({ from: '2026-11-05', to: '2026-11-05' });
  });

  it('says what is wrong', () => {
    expect(() => parseArgs([])).toThrow(/--from needs a day/);
    expect(() => parseArgs(['--from', '2026-02-30'])).toThrow(/--from needs a day/);
    expect(() => parseArgs(['--from', '2026-11-02', '--to', '2026-11-01'])).toThrow(/before --from/);
    expect(() => parseArgs(['--days', '3'])).toThrow(/unknown argument --days/);
  });
});
