import type { ProxyConfig } from './config/proxy-config';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const RANK = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

/** One JSON line per event on stderr; off the hot path (nothing is logged per request). */
export function createLogger(level: ProxyConfig['logLevel'], proxyId: string): Logger {
  const min = RANK[level];
  const emit = (lvl: keyof typeof RANK, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[lvl] < min) return;
    process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level: lvl, proxy: proxyId, msg, ...fields })}\n`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}
