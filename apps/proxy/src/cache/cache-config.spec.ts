import { loadProxyConfig, resolveProxyConfig } from '../config/proxy-config';

describe('cache configuration', () => {
  it('is on from the environment, off in configs built in code, with documented defaults', () => {
    expect(loadProxyConfig({})).toMatchObject({ cacheEnabled: true, redisUrl: null, cachePrefix: 'switchyard:cache:', cacheMemoryMb: 256, cacheRedisTimeoutMs: 50, cacheSemanticMaxEntries: 200_000 });
    expect(resolveProxyConfig({}).cacheEnabled).toBe(false);
    expect(resolveProxyConfig({ cacheEnabled: true }).cacheEnabled).toBe(true);
  });

  it('reads its variables and names a bad one', () => {
    const c = loadProxyConfig({ PROXY_CACHE: 'off', REDIS_URL: 'redis://r:6379', PROXY_CACHE_PREFIX: 'x:', PROXY_CACHE_MEMORY_MB: '64', PROXY_CACHE_REDIS_TIMEOUT_MS: '20', PROXY_CACHE_SEMANTIC_MAX_ENTRIES: '1000' });
    expect(c).toMatchObject({ cacheEnabled: false, redisUrl: 'redis://r:6379', cachePrefix: 'x:', cacheMemoryMb: 64, cacheRedisTimeoutMs: 20, cacheSemanticMaxEntries: 1000 });
    expect(() => loadProxyConfig({ PROXY_CACHE: 'maybe' })).toThrow(/PROXY_CACHE must be "on" or "off"/);
    expect(() => loadProxyConfig({ PROXY_CACHE_REDIS_TIMEOUT_MS: '0' })).toThrow(/PROXY_CACHE_REDIS_TIMEOUT_MS/);
  });
});
