import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBootstrap, loadConfig } from './bench-modules';

/**
 * The control plane in its own process (its CPU time is its own, apart from the load
 * generator's). Parent → child: {type:'start', databaseUrl, redisUrl, queuePrefix,
 * admin, proxyToken}; child → parent: {type:'ready', url} or {type:'error', message}.
 */
interface StartMessage {
  type: 'start';
  databaseUrl: string;
  redisUrl: string | null;
  queuePrefix: string;
  admin: { email: string; password: string };
  proxyToken: string;
}

process.once('message', (m: StartMessage) => {
  void (async () => {
    try {
      const { parseConfig } = loadConfig();
      const { startControlPlane } = loadBootstrap();
      const config = parseConfig(
        {},
        {
          port: 0,
          host: '127.0.0.1',
          databaseUrl: m.databaseUrl,
          redisUrl: m.redisUrl,
          queuePrefix: m.queuePrefix,
          dataDir: mkdtempSync(join(tmpdir(), 'sy-bench-cp-')),
          admin: m.admin,
          proxyToken: m.proxyToken,
          authSecret: 'bench-secret-'.padEnd(48, 'x'),
          swagger: false,
          logLevel: 'error',
        },
      );
      const cp = await startControlPlane(config);
      process.send!({ type: 'ready', url: cp.url });
      process.on('disconnect', () => void cp.close().finally(() => process.exit(0)));
    } catch (err) {
      process.send!({ type: 'error', message: (err as Error).stack ?? String(err) });
      process.exit(1);
    }
  })();
});
