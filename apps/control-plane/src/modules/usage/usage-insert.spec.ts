import { arrayLiteral } from './usage-insert';

describe('usage insert array literals', () => {
  it('quotes and escapes text, leaves validated values bare, writes NULL for null', () => {
    const rows = ['plain', 'with "quotes"', 'back\\slash', 'comma, {braces}', 'NULL', '', null, 'ünïcødé'];
    expect(arrayLiteral(rows, (r) => r, true)).toBe('{"plain","with \\"quotes\\"","back\\\\slash","comma, {braces}","NULL","",NULL,"ünïcødé"}');
    expect(arrayLiteral([1, 2.5, null, 0.000123], (r) => r, false)).toBe('{1,2.5,NULL,0.000123}');
    expect(arrayLiteral([true, false], (r) => r, false)).toBe('{true,false}');
    expect(arrayLiteral([], (r: string) => r, true)).toBe('{}');
  });
});
