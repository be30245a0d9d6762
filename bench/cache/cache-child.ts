import { loadProviderSim, loadProxy } from './bench-modules';

/**
 * One server of the benchmark in its own process (its event loop is not shared with
 * the load generator): `sim` — the upstream, zero delay — or `proxy` — Switchyard's
 * proxy with the cache on. Sends `ready` with its URL.
 */
interface StartMessage {
  type: 'start';
  role: 'sim' | 'proxy';
  proxy?: Record<string, unknown>;
}

async function start(msg: StartMessage): Promise<string> {
  if (msg.role === 'sim') {
    const sim = await loadProviderSim().startProviderSim({ port: 0, completionTokens: 24 });
    return sim.url.replace(/\/v1$/, '');
  }
  // The proxy process as apps/proxy/src/main.ts runs it.
  loadProxy().tuneProxyProcess();
  const proxy = await loadProxy().startProxy({ port: 0, logLevel: 'error', controlPlaneUrl: null, ...msg.proxy });
  return proxy.url;
}

process.on('message', (raw: unknown) => {
  const msg = raw as StartMessage;
  if (msg.type === 'start') {
    start(msg).then(
      (url) => process.send!({ type: 'ready', url }),
      (err: Error) => process.send!({ type: 'error', message: err.stack ?? err.message }),
    );
  }
});
process.on('disconnect', () => process.exit(0));
