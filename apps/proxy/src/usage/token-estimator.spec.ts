import { estimatePromptTokens, estimateTokenBytes, estimateTokens } from './token-estimator';

describe('estimateTokens', () => {
  it('counts common English words about one token each', () => {
    // cl100k: "The quick brown fox jumps over the lazy dog." = 10 tokens
    expect(estimateTokens('The quick brown fox jumps over the lazy dog.')).toBe(10);
  });

  it('stays near the usual four characters per token on prose and code', () => {
    const prose =
      'Switchyard routes each workload to the cheapest model that does the job, caches repeated work, and shows the money spent per team.';
    const code = 'function add(a: number, b: number): number {\n  return a + b;\n}\n';
    for (const text of [prose, code]) {
      const ratio = text.length / estimateTokens(text);
      expect(ratio).toBeGreaterThan(2.5);
      expect(ratio).toBeLessThan(5.5);
    }
  });

  it('charges dense scripts per character and digits in groups of three', () => {
    expect(estimateTokens('你好世界')).toBe(4);
    expect(estimateTokens('1234567')).toBe(3);
  });

  it('returns 0 for empty text and adds message framing to prompts', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimatePromptTokens('', 2)).toBe(9);
  });
});

describe('estimateTokenBytes', () => {
  const count = (t: string) => {
    const b = Buffer.from(t);
    return estimateTokenBytes(b, 0, b.length);
  };

  it('agrees with the string estimate on plain text', () => {
    for (const t of ['The quick brown fox jumps over the lazy dog.', 'Order 12345 ships today!', 'internationalisation']) {
      expect(Math.abs(count(t) - estimateTokens(t))).toBeLessThanOrEqual(1);
    }
  });

  it('charges CJK per character and counts only the given range', () => {
    expect(count('你好世界')).toBe(4);
    const b = Buffer.from('xx hello yy');
    expect(estimateTokenBytes(b, 3, 8)).toBe(1);
  });
});
