export { startProxy, tuneProxyProcess, type ProxyHandle, type StartProxyOptions } from './server';
export { loadProxyConfig, resolveProxyConfig, type ProxyConfig, type ProxyConfigInput } from './config/proxy-config';
export type { ResponseCache, CacheContext, CacheLookup, CacheableResponse } from './cache/response-cache';
