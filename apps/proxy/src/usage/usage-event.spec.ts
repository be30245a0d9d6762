import { usageEvent } from '@switchyard/contracts';
import { buildSnapshot } from '../../test/support/snapshot-factory';
import { compilePolicy, type CompiledPolicy } from '../policy/compiled-policy';
import { buildUsageEvent, priceTokens } from './usage-event';

function live(): CompiledPolicy {
  const snap = buildSnapshot({
    baseUrl: 'http://x/v1',
    prices: {
      'deepseek-ai/DeepSeek-V4-Flash': [
        { input: '0.27', output: '1.10', cachedInput: '0.07', effectiveFrom: '2024-01-01T00:00:00.000Z' },
        { input: '0.20', output: '1.00', cachedInput: '0.05', effectiveFrom: '2026-06-01T00:00:00.000Z' },
      ],
    },
  });
  const r = compilePolicy(snap, () => undefined);
  if (!r.ok) throw new Error(r.reason);
  return r.policy;
}

describe('usage pricing and events', () => {
  const p = live();
  const flash = p.models.get('deepseek-ai/DeepSeek-V4-Flash')!;
  const tokens = { promptTokens: 1000, completionTokens: 500, cachedTokens: 200 };

  it('prices at the point in force at request time, exactly, with the baseline at the baseline model', () => {
    // 800 × 0.27 + 200 × 0.07 + 500 × 1.10 per million = 0.000216 + 0.000014 + 0.00055
    expect(priceTokens(p, flash, tokens, Date.parse('2026-03-01T00:00:00Z'))).toEqual({ costUsd: '0.00078', baselineCostUsd: '0.00725' });
    // after the price change: 800 × 0.20 + 200 × 0.05 + 500 × 1.00
    expect(priceTokens(p, flash, tokens, Date.parse('2026-07-01T00:00:00Z')).costUsd).toBe('0.00067');
  });

  it('gives embeddings their own cost as baseline', () => {
    const emb = p.models.get('openai/text-embedding-3-small')!;
    expect(priceTokens(p, emb, { promptTokens: 1000, completionTokens: 0, cachedTokens: 0 }, Date.now())).toEqual({ costUsd: '0.00002', baselineCostUsd: '0.00002' });
  });

  it('builds events that satisfy the usage event contract', () => {
    const e = buildUsageEvent(
      {
        endpoint: 'chat.completions',
        live: p,
        bucket: 'bulk',
        requestedModel: 'bulk',
        served: flash,
        key: { id: 'k1', hash: 'h', team: 'growth', defaultBucket: null },
        stream: true,
        tokens,
        usageEstimated: false,
        cache: 'miss',
        cacheSavedUsd: '0.00',
        cost: priceTokens(p, flash, tokens, Date.now()),
        startedAtMs: Date.now(),
        totalMs: 12.3456,
        ttftMs: 1.23456,
        status: 200,
        errorType: null,
        attempts: 1,
      },
      'proxy-1',
    );
    expect(usageEvent.safeParse(e).success).toBe(true);
    expect(e).toMatchObject({ totalMs: 12.346, ttftMs: 1.235, servedModel: 'deepseek-ai/DeepSeek-V4-Flash', team: 'growth', apiKeyId: 'k1' });
  });
});
