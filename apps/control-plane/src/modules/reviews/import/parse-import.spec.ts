import { parseImport } from './parse-import';

const good = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    bucket: 'bulk',
    prompt: 'Summarise this.',
    candidate: { model: 'deepseek-ai/DeepSeek-V4-Flash', output: 'Short.' },
    baseline: { model: 'openai/gpt-4o', output: 'A summary.' },
    ...extra,
  });

describe('parseImport', () => {
  it('numbers lines from 1, skips blank ones, and reports each bad line with its reasons', () => {
    const text = [good(), '', '{not json', good({ bucket: 'Bad Name' }), good({ candidate: { model: 'openai/gpt-4o', output: 'x' } }), '   ', good({ prompt: [{ role: 'user', content: 'hi' }] })].join('\n');
    const r = parseImport(text);
    expect(r.map((l) => (l.ok ? l.pair.line : l.line))).toEqual([1, 3, 4, 5, 7]);
    expect(r.map((l) => l.ok)).toEqual([true, false, false, false, true]);
    const bad = r.filter((l) => !l.ok) as Array<{ reason: string }>;
    expect(bad[0].reason).toMatch(/not valid JSON/);
    expect(bad[1].reason).toMatch(/^bucket: /);
    expect(bad[2].reason).toMatch(/must differ from candidate.model/);
  });

  it('turns a string prompt into one user message and hashes the content (same content → same hash)', () => {
    const [a, b, c] = parseImport([good(), good({ team: 'other' }), good({ baseline: { model: 'openai/gpt-4o', output: 'Different.' } })].join('\r\n'));
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected valid lines');
    expect(a.pair.prompt).toEqual([{ role: 'user', content: 'Summarise this.' }]);
    expect(a.pair.candidate.usage).toBeNull();
    expect(a.pair.contentHash).toMatch(/^[a-f0-9]{64}$/);
    expect(b.pair.contentHash).toBe(a.pair.contentHash);
    expect(c.pair.contentHash).not.toBe(a.pair.contentHash);
  });

  it('lists every problem of a line with its path', () => {
    const [r] = parseImport(JSON.stringify({ bucket: 'bulk', prompt: '', candidate: { output: 1 }, extra: true }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const path of ['prompt', 'candidate.model', 'candidate.output', 'baseline']) expect(r.reason).toContain(`${path}: `);
  });
});
