import fc from 'fast-check';
import { mulberry32 } from './random';
import { countTokens, generatePieces, splitTokens } from './text';

describe('provider-sim tokenizer and text', () => {
  it('counts about one token per word', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('   ')).toBe(0);
    expect(countTokens('Hello world')).toBe(2);
    expect(countTokens('Hello, world!')).toBe(4);
    expect(countTokens('internationalization')).toBe(4);
    expect(countTokens('12345')).toBe(2);
  });

  it('splits into pieces that join back and match the count', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const pieces = splitTokens(text);
        expect(pieces).toHaveLength(countTokens(text));
        if (pieces.length > 0) expect(pieces.join('')).toBe(text);
        for (const p of pieces) expect(countTokens(p)).toBe(1);
      }),
    );
  });

  it('generates English-ish text of exactly the requested length, deterministically', () => {
    const a = generatePieces(mulberry32(1), 50);
    expect(a).toHaveLength(50);
    expect(countTokens(a.join(''))).toBe(50);
    expect(a.join('')).toMatch(/^[A-Z][a-z]+ /);
    expect(generatePieces(mulberry32(1), 50)).toEqual(a);
    expect(generatePieces(mulberry32(2), 50)).not.toEqual(a);
  });
});
