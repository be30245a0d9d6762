import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { completionText, mapUsage, promptText } from './usage';

const completion = JSON.parse(readFileSync(join(__dirname, 'fixtures/chat-completion.json'), 'utf8')) as Record<string, unknown>;

describe('OpenAI usage mapping', () => {
  it('maps prompt, completion and cached prompt tokens', () => {
    expect(mapUsage(completion.usage)).toEqual({ promptTokens: 1200, completionTokens: 35, cachedTokens: 1024 });
  });

  it('maps embeddings usage (no completion tokens) and reports absent usage as null', () => {
    expect(mapUsage({ prompt_tokens: 8, total_tokens: 8 })).toEqual({ promptTokens: 8, completionTokens: 0, cachedTokens: 0 });
    expect(mapUsage(null)).toBeNull();
    expect(mapUsage(undefined)).toBeNull();
    expect(mapUsage({})).toBeNull();
  });

  it('ignores values that are not token counts', () => {
    expect(mapUsage({ prompt_tokens: -1, completion_tokens: 2.5, prompt_tokens_details: null })).toEqual({ promptTokens: 0, completionTokens: 0, cachedTokens: 0 });
  });

  it('extracts generated and prompt text for estimates', () => {
    expect(completionText(completion)).toBe('Paris is sunny. get_weather {"city":"Paris"}');
    expect(promptText([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'image_url', image_url: { url: 'x' } }] }])).toEqual({
      text: 'Be brief.\nHi\n',
      messages: 2,
    });
  });
});
