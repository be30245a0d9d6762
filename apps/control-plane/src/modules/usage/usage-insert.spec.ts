import { arrayLiteral, INSERT_COLUMNS, INSERT_USAGE_SQL } from './usage-insert';

describe('usage insert array literals', () => {
  it('quotes and escapes text, leaves validated values bare, writes NULL for null', () => {
    const rows = ['plain', 'with "quotes"', 'back\\slash', 'comma, {braces}', 'NULL', '', null, 'ünïcødé'];
    expect(arrayLiteral(rows, (r) => r, true)).toBe('{"plain","with \\"quotes\\"","back\\\\slash","comma, {braces}","NULL","",NULL,"ünïcødé"}');
    expect(arrayLiteral([1, 2.5, null, 0.000123], (r) => r, false)).toBe('{1,2.5,NULL,0.000123}');
    expect(arrayLiteral([true, false], (r) => r, false)).toBe('{true,false}');
    expect(arrayLiteral([], (r: string) => r, true)).toBe('{}');
  });

  it('writes the columns and parameter types of the SQL in the order the parameters are built', () => {
    const cols = /INSERT INTO usage_events \(([^)]*)\)/.exec(INSERT_USAGE_SQL)![1].split(',').map((c) => c.trim());
    const types = [...INSERT_USAGE_SQL.matchAll(/\$(\d+)::(\w+)\[\]/g)].map((m) => [Number(m[1]), m[2]]);
    expect(cols).toEqual(INSERT_COLUMNS.map(([name]) => name));
    expect(types).toEqual(INSERT_COLUMNS.map(([, type], i) => [i + 1, type]));
  });
});
