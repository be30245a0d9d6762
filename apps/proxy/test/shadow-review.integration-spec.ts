import type { NextReviewResponse, ReviewResultsResponse } from '@switchyard/contracts';
import { eventually, startCpFixture, type CpFixture } from './support/cp-fixture';
import { seedPolicyWith } from './support/policies';

/** Shadow pairs travel from a real proxy to the real control plane and come out blind for reviewers. */
describe('shadow sampling → review pairs on the control plane', () => {
  let fx: CpFixture;
  beforeAll(async () => {
    fx = await startCpFixture();
  }, 60_000);
  afterAll(async () => {
    await fx.close();
  });

  it('ships a pair per sampled request (JSON and streamed), blind to reviewers, priced in the results', async () => {
    const version = await fx.cp.publish(seedPolicyWith({ bulk: { shadow: { rate: 1, model: null } } }), 'sample bulk against the baseline');
    const proxy = await fx.startProxy();
    await eventually(() => proxy.policyVersion() === version, 'the shadow policy to apply');
    const { key } = await fx.cp.createApiKey('content');
    const client = fx.client(proxy, key);
    const json = await eventually(
      () => client.chat.completions.create({ model: 'bulk', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Name three rivers.' }] }),
      'the key to be accepted',
    );
    let streamed = '';
    for await (const chunk of await client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'Describe a lighthouse.' }], stream: true })) {
      streamed += chunk.choices[0]?.delta.content ?? '';
    }
    const answers = [json.choices[0].message.content!, streamed];

    const row = await eventually(async () => {
      const r = await fx.cp.request<ReviewResultsResponse>('GET', '/reviews/results?bucket=bulk');
      return r.body.rows.find((x) => x.pairs === 2);
    }, 'both pairs at the control plane');
    expect(row).toMatchObject({ candidateModel: 'deepseek-ai/DeepSeek-V4-Flash', baselineModel: 'openai/gpt-4o', judgements: 0, verdict: 'not enough judgements' });
    expect(row.cost.pricedPairs).toBe(2);
    expect(row.cost.estimatedPairs).toBe(0);
    expect(Number(row.cost.differencePerRequestUsd)).toBeLessThan(0);

    const reviewer = await fx.cp.createUser('reviewer');
    const seen: string[] = [];
    for (;;) {
      const next = await fx.cp.request<NextReviewResponse>('GET', '/reviews/next', undefined, reviewer.token);
      const item = next.body.item;
      if (!item) break;
      const text = JSON.stringify(next.body);
      for (const hidden of ['DeepSeek', 'gpt-4o', 'openai/', 'bulk']) expect(text).not.toContain(hidden);
      // The production answer is one of the two sides, exactly as the client got it.
      const side = [item.a, item.b].find((t) => answers.includes(t));
      expect(side).toBeDefined();
      seen.push(side!);
      expect((await fx.cp.request('POST', `/reviews/${item.pairId}/judgement`, { choice: 'none' }, reviewer.token)).status).toBe(201);
    }
    expect(seen.sort()).toEqual([...answers].sort());
  });
});
