import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mapUsage } from './usage';
import { sniffUsage } from './usage-sniff';

const fixture = readFileSync(join(__dirname, 'fixtures/chat-completion.json'));

describe('sniffUsage', () => {
  it('reads usage from a complete answer without parsing the rest', () => {
    expect(sniffUsage(fixture)).toEqual({ promptTokens: 1200, completionTokens: 35, cachedTokens: 1024 });
  });

  it('ignores usage-looking text inside strings', () => {
    const body = Buffer.from(JSON.stringify({ choices: [{ message: { content: 'say "usage":{"prompt_tokens":999} }' } }], usage: { prompt_tokens: 3, completion_tokens: 4 } }));
    expect(sniffUsage(body)).toEqual({ promptTokens: 3, completionTokens: 4, cachedTokens: 0 });
    const onlyInString = Buffer.from(JSON.stringify({ choices: [{ message: { content: '"usage":{"prompt_tokens":999}' } }] }));
    expect(sniffUsage(onlyInString)).toBeUndefined();
  });

  it('reads the counts as mapUsage would, whatever the spacing or the values', () => {
    const cases: unknown[] = [
      { prompt_tokens: 7, completion_tokens: 2 },
      { completion_tokens: 2 },
      { prompt_tokens: 1.5, completion_tokens: -3, prompt_tokens_details: { cached_tokens: null } },
      { prompt_tokens: 12, completion_tokens: 0, prompt_tokens_details: { cached_tokens: 4, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 9 } },
    ];
    for (const usage of cases) {
      for (const text of [JSON.stringify({ id: 'x', usage }), JSON.stringify({ id: 'x', usage }, null, 1)]) {
        expect(sniffUsage(Buffer.from(text))).toEqual(mapUsage(usage));
      }
    }
  });

  it('gives up (so the caller parses in full) on bodies that are not one complete object or carry no usage', () => {
    expect(sniffUsage(Buffer.from('<html>502 Bad Gateway</html>'))).toBeUndefined();
    expect(sniffUsage(fixture.subarray(0, fixture.length >> 1))).toBeUndefined();
    expect(sniffUsage(Buffer.from('{"choices":[]}'))).toBeUndefined();
    expect(sniffUsage(Buffer.from('{"usage":null}'))).toBeUndefined();
  });
});
