import { ConfigError, loadProxyConfig, resolveProxyConfig } from './proxy-config';

describe('proxy config', () => {
  it('has the documented defaults', () => {
    const c = loadProxyConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, controlPlaneUrl: 'http://127.0.0.1:3000', usageBatchSize: 500, policyFile: null, redisUrl: null });
    expect(c.dataDir).toMatch(/\.switchyard\/proxy-/);
  });

  it('reads every variable once and looks provider keys up by name in the captured environment', () => {
    const env: Record<string, string> = {
      PROXY_PORT: '9000',
      CONTROL_PLANE_URL: 'http://cp:3000/',
      PROXY_TOKEN: 't',
      PROXY_ID: 'eu 1',
      PROXY_LABELS: 'region=eu, tier=gold',
      PROXY_DATA_DIR: '/tmp/p',
      PROXY_USAGE_BATCH_SIZE: '100',
      PROXY_POLICY_FILE: '/etc/policy.json',
      DEEPSEEK_API_KEY: 'sk-ds',
    };
    const c = loadProxyConfig(env);
    env.DEEPSEEK_API_KEY = 'changed later';
    expect(c).toMatchObject({ port: 9000, controlPlaneUrl: 'http://cp:3000', proxyToken: 't', proxyId: 'eu-1', labels: { region: 'eu', tier: 'gold' }, dataDir: '/tmp/p', usageBatchSize: 100 });
    expect(c.providerKey('DEEPSEEK_API_KEY')).toBe('sk-ds');
    expect(c.providerKey('NOPE')).toBeUndefined();
    expect(loadProxyConfig({ CONTROL_PLANE_URL: 'off' }).controlPlaneUrl).toBeNull();
  });

  it('stops on a bad value, naming the variable', () => {
    expect(() => loadProxyConfig({ PROXY_PORT: 'eighty' })).toThrow(/PROXY_PORT/);
    expect(() => loadProxyConfig({ CONTROL_PLANE_URL: 'cp:3000' })).toThrow(ConfigError);
    expect(() => loadProxyConfig({ PROXY_USAGE_BATCH_SIZE: '9000' })).toThrow(/PROXY_USAGE_BATCH_SIZE/);
    expect(() => loadProxyConfig({ PROXY_LABELS: 'novalue' })).toThrow(/PROXY_LABELS/);
    expect(() => loadProxyConfig({ PROXY_LOG_LEVEL: 'loud' })).toThrow(/PROXY_LOG_LEVEL/);
  });

  it('takes provider keys from providerKeys in code-built configs', () => {
    expect(resolveProxyConfig({ providerKeys: { A: 'x' } }).providerKey('A')).toBe('x');
  });
});
