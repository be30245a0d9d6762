import { defaultConfig, loadConfigFromEnv, mergeConfig, validateConfigPatch } from './config';

describe('provider-sim config', () => {
  it('uses the defaults with an empty environment', () => {
    const c = loadConfigFromEnv({});
    expect(c).toMatchObject({ port: 8090, host: '127.0.0.1', seed: 42, ttftMs: 0, tokensPerSecond: 0, errorRate: 0 });
  });

  it('reads every SIM_* variable', () => {
    const c = loadConfigFromEnv({
      SIM_PORT: '9000',
      SIM_HOST: '0.0.0.0',
      SIM_SEED: '7',
      SIM_TTFT_MS: '25',
      SIM_TOKENS_PER_SECOND: '80',
      SIM_ERROR_RATE: '0.1',
      SIM_RATE_429: '0.2',
      SIM_COMPLETION_TOKENS: '30',
      SIM_API_KEY: 'k',
      SIM_MODELS: 'a, b',
    });
    expect(c).toMatchObject({ port: 9000, host: '0.0.0.0', seed: 7, ttftMs: 25, tokensPerSecond: 80, errorRate: 0.1, rate429: 0.2, completionTokens: 30, apiKey: 'k', modelIds: ['a', 'b'] });
  });

  it.each([
    ['SIM_PORT', 'abc'],
    ['SIM_PORT', '70000'],
    ['SIM_SEED', '1.5'],
    ['SIM_TTFT_MS', '-1'],
    ['SIM_TOKENS_PER_SECOND', 'fast'],
    ['SIM_ERROR_RATE', '1.5'],
  ])('a bad %s (%s) stops start-up naming the variable', (name, value) => {
    expect(() => loadConfigFromEnv({ [name]: value })).toThrow(new RegExp(`^${name}:`));
  });

  it('merges patches: fields replace, models merge per model, null removes a model', () => {
    let c = mergeConfig(defaultConfig(), validateConfigPatch({ errorRate: 0.5, models: { a: { errorRate: 1 }, b: { hang: true } } }));
    c = mergeConfig(c, validateConfigPatch({ ttftMs: 10, models: { a: { status: 503 }, b: null } }));
    expect(c.errorRate).toBe(0.5);
    expect(c.ttftMs).toBe(10);
    expect(c.models).toEqual({ a: { errorRate: 1, status: 503 } });
  });

  it('rejects unknown and out-of-range settings with the field name', () => {
    expect(() => validateConfigPatch({ models: { a: { nope: 1 } } })).toThrow(/models\.a\.nope/);
    expect(() => validateConfigPatch({ status: 99 })).toThrow(/^status:/);
    expect(() => validateConfigPatch({ cutAfterChunks: -2 })).toThrow(/^cutAfterChunks:/);
    expect(() => validateConfigPatch({ hang: 'yes' })).toThrow(/^hang:/);
    expect(() => validateConfigPatch([])).toThrow();
  });
});
