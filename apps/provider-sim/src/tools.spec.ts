import OpenAI from 'openai';
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { startProviderSim, type ProviderSim } from './server';

const TOOLS: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] }, days: { type: 'integer', minimum: 1, maximum: 7 } },
        required: ['city'],
      },
    },
  },
  { type: 'function', function: { name: 'lookup_price', parameters: { type: 'object', properties: { model: { type: 'string' } } } } },
];
const USER = [{ role: 'user' as const, content: 'Plan my week.' }];

describe('provider-sim tool calls', () => {
  let sim: ProviderSim;
  let client: OpenAI;

  beforeAll(async () => {
    sim = await startProviderSim({ port: 0 });
    client = new OpenAI({ baseURL: sim.url, apiKey: 'sk-test', maxRetries: 0, timeout: 5000 });
  });
  afterAll(() => sim.close());

  it('calls the named function with deterministic JSON arguments that fit its schema', async () => {
    const ask = () => client.chat.completions.create({ model: 'gpt-4o', messages: USER, tools: TOOLS, tool_choice: { type: 'function', function: { name: 'get_weather' } } });
    const res = await ask();
    const choice = res.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    const call = choice.message.tool_calls![0];
    expect(call.type).toBe('function');
    expect(call.id).toMatch(/^call_/);
    if (call.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    const args = JSON.parse(call.function.arguments);
    expect(typeof args.city).toBe('string');
    expect(['celsius', 'fahrenheit']).toContain(args.unit);
    expect(args.days).toBeGreaterThanOrEqual(1);
    expect(args.days).toBeLessThanOrEqual(7);
    const again = (await ask()).choices[0].message.tool_calls![0];
    expect(again.type === 'function' && again.function.arguments).toBe(call.function.arguments);
    expect(res.usage!.completion_tokens).toBeGreaterThan(0);
  });

  it('calls some tool when tool_choice is "required", and answers in text when "none" or "auto" without a mention', async () => {
    const required = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, tools: TOOLS, tool_choice: 'required' });
    expect(required.choices[0].message.tool_calls).toHaveLength(1);
    const none = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, tools: TOOLS, tool_choice: 'none' });
    expect(none.choices[0].message.tool_calls).toBeUndefined();
    expect(none.choices[0].finish_reason).toBe('stop');
    const auto = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, tools: TOOLS });
    expect(typeof auto.choices[0].message.content).toBe('string');
  });

  it('with "auto", calls the tool the last message names', async () => {
    const res = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Please use lookup_price for gpt-4o' }], tools: TOOLS });
    const call = res.choices[0].message.tool_calls![0];
    expect(call.type === 'function' && call.function.name).toBe('lookup_price');
  });

  it('streams tool-call deltas that reassemble into the non-streamed call', async () => {
    const body = { model: 'gpt-4o', messages: USER, tools: TOOLS, tool_choice: 'required' as const };
    const whole = (await client.chat.completions.create(body)).choices[0].message.tool_calls![0];
    const stream = await client.chat.completions.create({ ...body, stream: true });
    let id = '';
    let name = '';
    let args = '';
    let finish: string | null = null;
    let deltas = 0;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      finish = choice.finish_reason ?? finish;
      for (const tc of choice.delta.tool_calls ?? []) {
        deltas++;
        expect(tc.index).toBe(0);
        if (tc.id) id = tc.id;
        if (tc.function?.name) name = tc.function.name;
        args += tc.function?.arguments ?? '';
      }
    }
    expect(deltas).toBeGreaterThan(2);
    expect(finish).toBe('tool_calls');
    if (whole.type !== 'function') throw new Error('expected a function call');
    expect(name).toBe(whole.function.name);
    expect(args).toBe(whole.function.arguments);
    expect(id).toMatch(/^call_/);
    expect(() => JSON.parse(args)).not.toThrow();
  });

  it('rejects a tool_choice naming a function that is not in tools', async () => {
    await expect(
      client.chat.completions.create({ model: 'gpt-4o', messages: USER, tools: TOOLS, tool_choice: { type: 'function', function: { name: 'nope' } } }),
    ).rejects.toMatchObject({ status: 400, param: 'tool_choice' });
  });
});
