import { formatPercent, formatPrice, formatRatio, formatUsd, formatUsdTick, signOf, sumDecimal } from './money';

describe('formatUsd', () => {
  it('rounds half up from the decimal string, with thousands separators', () => {
    expect(formatUsd('1234.5')).toBe('$1,234.50');
    expect(formatUsd('0.005')).toBe('$0.01');
    expect(formatUsd('0.004999999999')).toBe('<$0.01');
    expect(formatUsd('1234567.994999999999')).toBe('$1,234,567.99');
    expect(formatUsd('999.995')).toBe('$1,000.00');
    expect(formatUsd('0')).toBe('$0.00');
    expect(formatUsd('12')).toBe('$12.00');
  });

  it('keeps amounts beyond float precision exact', () => {
    // 2^53 + 1 is not representable as a double; the string path keeps the last digit.
    expect(formatUsd('9007199254740993.125')).toBe('$9,007,199,254,740,993.13');
    // 0.1 + 0.2 style drift never appears because nothing is added as floats.
    expect(formatUsd('0.30000000000000004')).toBe('$0.30');
  });

  it('shows signs for deltas', () => {
    expect(formatUsd('-42.105')).toBe('-$42.11');
    expect(formatUsd('3.2', { signed: true })).toBe('+$3.20');
    expect(formatUsd('-0.000', { signed: true })).toBe('$0.00');
    expect(formatUsd('-0.001')).toBe('>-$0.01');
  });

  it('supports more decimals and passes through what it cannot parse', () => {
    expect(formatUsd('0.000275', { decimals: 6 })).toBe('$0.000275');
    expect(formatUsd(null)).toBe('—');
    expect(formatUsd('n/a')).toBe('n/a');
  });
});

describe('other formats', () => {
  it('prints prices per million without losing digits', () => {
    expect(formatPrice('2.5')).toBe('$2.50');
    expect(formatPrice('0.075000')).toBe('$0.075');
    expect(formatPrice('10')).toBe('$10.00');
    expect(formatPrice('0.000001')).toBe('$0.000001');
  });

  it('turns ratios and percentages into readable percents', () => {
    expect(formatRatio('0.4523')).toBe('45.2%');
    expect(formatRatio('0.45249', 2)).toBe('45.25%');
    expect(formatRatio('1')).toBe('100.0%');
    expect(formatRatio('-0.125')).toBe('-12.5%');
    expect(formatRatio(null)).toBe('—');
    expect(formatPercent('83.25')).toBe('83.3%');
  });

  it('sums decimal strings exactly', () => {
    expect(sumDecimal(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimal(['1.000000000001', '2', '-0.5'])).toBe('2.500000000001');
    expect(sumDecimal([])).toBe('0');
    expect(signOf('-0.01')).toBe(-1);
    expect(signOf('0.000')).toBe(0);
  });

  it('labels axis ticks compactly', () => {
    expect(formatUsdTick(1250)).toBe('$1.3k');
    expect(formatUsdTick(35)).toBe('$35');
    expect(formatUsdTick(0.5)).toBe('$0.50');
    expect(formatUsdTick(9)).toBe('$9');
    // Sub-cent axes (a first day of spend) and float noise from the tick arithmetic.
    expect([0, 0.00005, 0.0001, 0.00015].map(formatUsdTick)).toEqual(['$0', '$0.00005', '$0.0001', '$0.00015']);
    expect(formatUsdTick(0.07500000000000001)).toBe('$0.075');
    expect(formatUsdTick(0.30000000000000004)).toBe('$0.30');
    expect(formatUsdTick(-0.5)).toBe('-$0.50');
  });
});
