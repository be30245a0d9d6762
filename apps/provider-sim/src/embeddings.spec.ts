import OpenAI from 'openai';
import { DEFAULT_DIMENSIONS } from './embeddings';
import { startProviderSim, type ProviderSim } from './server';

function norm(v: number[]): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}
function cosine(a: number[], b: number[]): number {
  return a.reduce((s, x, i) => s + x * b[i], 0) / (norm(a) * norm(b));
}

describe('provider-sim embeddings and models', () => {
  let sim: ProviderSim;
  let client: OpenAI;

  beforeAll(async () => {
    sim = await startProviderSim({ port: 0, modelIds: ['gpt-4o', 'text-embedding-3-small'] });
    client = new OpenAI({ baseURL: sim.url, apiKey: 'sk-test', maxRetries: 0, timeout: 5000 });
  });
  afterAll(() => sim.close());

  it('returns deterministic unit vectors (default base64 transport of the client)', async () => {
    const res = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'the quick brown fox' });
    expect(res.object).toBe('list');
    expect(res.model).toBe('text-embedding-3-small');
    expect(res.data).toHaveLength(1);
    const vec = res.data[0].embedding;
    expect(vec).toHaveLength(DEFAULT_DIMENSIONS);
    expect(norm(vec)).toBeCloseTo(1, 5);
    expect(res.usage.prompt_tokens).toBe(4);
    expect(res.usage.total_tokens).toBe(4);
    const again = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'the quick brown fox', encoding_format: 'float' });
    expect(again.data[0].embedding).toEqual(vec);
  });

  it('honours dimensions and arrays of inputs, keeping each index', async () => {
    const res = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['alpha beta', 'gamma', 'alpha beta'], dimensions: 32 });
    expect(res.data.map((d) => d.index)).toEqual([0, 1, 2]);
    for (const d of res.data) {
      expect(d.embedding).toHaveLength(32);
      expect(norm(d.embedding)).toBeCloseTo(1, 5);
    }
    expect(res.data[2].embedding).toEqual(res.data[0].embedding);
    expect(res.data[1].embedding).not.toEqual(res.data[0].embedding);
  });

  it('puts texts that share words closer than unrelated texts', async () => {
    const res = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['how do I reset my password', 'how can I reset my password', 'quarterly revenue grew in europe'],
    });
    const [a, b, c] = res.data.map((d) => d.embedding);
    expect(cosine(a, b)).toBeGreaterThan(0.5);
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c) + 0.3);
  });

  it('accepts token-id inputs and counts them as tokens', async () => {
    const res = await client.embeddings.create({ model: 'text-embedding-3-small', input: [[1, 2, 3], [4, 5]], encoding_format: 'float' });
    expect(res.data).toHaveLength(2);
    expect(res.usage.prompt_tokens).toBe(5);
  });

  it('rejects missing or empty input and bad dimensions with 400', async () => {
    await expect(client.embeddings.create({ model: 'm' } as never)).rejects.toMatchObject({ status: 400, param: 'input' });
    await expect(client.embeddings.create({ model: 'm', input: '' })).rejects.toMatchObject({ status: 400, param: 'input' });
    await expect(client.embeddings.create({ model: 'm', input: 'x', dimensions: 0 })).rejects.toMatchObject({ status: 400, param: 'dimensions' });
  });

  it('lists models, retrieves one, and 404s an unknown one', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(['gpt-4o', 'text-embedding-3-small']);
    expect(page.data[0]).toMatchObject({ object: 'model', owned_by: 'provider-sim' });
    expect((await client.models.retrieve('gpt-4o')).id).toBe('gpt-4o');
    await expect(client.models.retrieve('nope')).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });
});
