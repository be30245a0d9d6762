import { ConfigError, loadProxyConfig } from './config/proxy-config';
import { tuneProxyProcess } from './process-tuning';
import { startProxy } from './server';

/** `node apps/proxy/dist/main.js` — configuration from the environment (see config/proxy-config.ts). */
async function main(): Promise<void> {
  tuneProxyProcess();
  let config;
  try {
    config = loadProxyConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`switchyard proxy: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const proxy = await startProxy(config);
  process.stdout.write(`Switchyard proxy listening on ${proxy.url}/v1\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stderr.write(`switchyard proxy: ${signal}, draining…\n`);
    // Stop accepting, let requests and streams in flight finish (up to PROXY_DRAIN_TIMEOUT_MS), ship usage, exit.
    void proxy
      .drain(config.drainTimeoutMs)
      .then(() => proxy.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main().catch((err: unknown) => {
  process.stderr.write(`switchyard proxy failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
