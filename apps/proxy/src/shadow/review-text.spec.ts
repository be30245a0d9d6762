import { REVIEW_LIMITS } from '@switchyard/contracts';
import { jsonAnswerText, parseObject, reviewPromptOf, sseAnswerText } from './review-text';

describe('review texts', () => {
  it('turns chat messages into role + text, naming non-text parts and showing tool calls', () => {
    expect(
      reviewPromptOf([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'What is in this picture?' }, { type: 'image_url', image_url: { url: 'data:...' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'look', arguments: '{}' } }] },
      ]),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is in this picture?\n[image_url]' },
      { role: 'assistant', content: '[tool calls] [{"id":"t1","type":"function","function":{"name":"look","arguments":"{}"}}]' },
    ]);
  });

  it('gives up (null) on prompts and answers over the review limits instead of cutting them', () => {
    expect(reviewPromptOf([{ role: 'user', content: 'x'.repeat(REVIEW_LIMITS.textChars + 1) }])).toBeNull();
    expect(reviewPromptOf(Array.from({ length: REVIEW_LIMITS.messages + 1 }, () => ({ role: 'user', content: 'hi' })))).toBeNull();
    expect(reviewPromptOf([])).toBeNull();
    expect(jsonAnswerText({ choices: [{ message: { content: 'y'.repeat(REVIEW_LIMITS.textChars + 1) } }] })).toBeNull();
  });

  it('reads the first choice of a JSON answer', () => {
    const json = parseObject(Buffer.from(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!' } }, { index: 1, message: { content: 'Other' } }] })));
    expect(jsonAnswerText(json)).toBe('Hello!');
    expect(jsonAnswerText(parseObject(Buffer.from('not json')))).toBeNull();
  });

  it('reassembles a streamed answer from SSE bytes split anywhere, tool-call arguments included', () => {
    const events = [
      { choices: [{ index: 0, delta: { role: 'assistant', content: 'Hel' } }] },
      { choices: [{ index: 0, delta: { content: 'lo' } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { name: 'get_', arguments: '{"a":' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { name: 'time', arguments: '1}' } }] } }] },
      { choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } },
    ];
    const sse = `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}: x-switchyard-cost-usd: 0.01\n\ndata: [DONE]\n\n`;
    const bytes = Buffer.from(sse);
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7, 60), bytes.subarray(60)];
    expect(sseAnswerText(chunks)).toBe('Hello\n[tool calls] [{"type":"function","function":{"name":"get_time","arguments":"{\\"a\\":1}"}}]');
  });
});
