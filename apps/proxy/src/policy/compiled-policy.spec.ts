import { buildSnapshot } from '../../test/support/snapshot-factory';
import { compilePolicy } from './compiled-policy';

const keys = (name: string) => (name === 'OPENAI_API_KEY' ? 'sk-upstream' : undefined);

describe('compilePolicy', () => {
  it('compiles a valid snapshot into lookup maps and the /v1/models body', () => {
    const r = compilePolicy(buildSnapshot({ baseUrl: 'http://127.0.0.1:9/v1', version: 3 }), keys);
    if (!r.ok) throw new Error(r.reason);
    const p = r.policy;
    expect(p.versionHeader).toBe('3');
    expect(p.buckets.get('bulk')?.targets[0].model).toBe('deepseek-ai/DeepSeek-V4-Flash');
    expect(p.models.get('openai/gpt-4o')).toMatchObject({ origin: 'http://127.0.0.1:9', path: '/v1/chat/completions', upstreamModel: 'gpt-4o', authorization: 'Bearer sk-upstream' });
    expect(p.models.get('openai/text-embedding-3-small')?.path).toBe('/v1/embeddings');
    expect(p.models.get('Qwen/Qwen3-32B')?.authorization).toBeNull();
    expect(p.missingKeys).toContain('together (TOGETHER_API_KEY)');
    expect(p.baseline.id).toBe('openai/gpt-4o');
    const ids = (JSON.parse(p.modelsList.toString()) as { data: Array<{ id: string }> }).data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['openai/gpt-4o', 'bulk', 'standard', 'critical']));
  });

  it('rejects a snapshot of the wrong shape with the path of each problem', () => {
    const r = compilePolicy({ version: 4, policy: {} }, keys);
    expect(r).toMatchObject({ ok: false, version: 4 });
    if (!r.ok) expect(r.reason).toMatch(/invalid snapshot: .*hash/);
    expect(compilePolicy('nonsense', keys)).toMatchObject({ ok: false, version: null });
  });

  it('rejects a policy that fails validation (weights not summing to 100)', () => {
    const s = buildSnapshot({ baseUrl: 'http://x/v1', version: 5 });
    s.policy.buckets[0].targets = [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 60 }];
    const r = compilePolicy(s, keys);
    expect(r).toMatchObject({ ok: false, version: 5 });
    if (!r.ok) expect(r.reason).toMatch(/buckets\.0\.targets: weights sum to 60/);
  });

  it('rejects what only a proxy can check: a missing provider, a bad base URL, a model missing from the snapshot', () => {
    const noProvider = buildSnapshot({ baseUrl: 'http://x/v1' });
    delete (noProvider.providers as Record<string, unknown>).zhipu;
    expect(compilePolicy(noProvider, keys)).toMatchObject({ ok: false, reason: expect.stringMatching(/provider "zhipu" is not in the snapshot/) });
    const badUrl = buildSnapshot({ baseUrl: 'ftp://x' });
    expect(compilePolicy(badUrl, keys)).toMatchObject({ ok: false, reason: expect.stringMatching(/not an http\(s\) URL/) });
    const missing = buildSnapshot({ baseUrl: 'http://x/v1' });
    delete (missing.models as Record<string, unknown>)['zai-org/GLM-4-Plus'];
    expect(compilePolicy(missing, keys)).toMatchObject({ ok: false, reason: expect.stringMatching(/"zai-org\/GLM-4-Plus" is not a catalog model/) });
  });
});
