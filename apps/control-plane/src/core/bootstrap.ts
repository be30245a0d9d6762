import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from './config/config';
import { createApp } from './create-app';
import { openInfrastructure } from './infrastructure';
import { runFirstStart, type FirstStartResult } from './seed/first-start';
import type { Infrastructure } from './app.module';

export interface RunningControlPlane {
  app: NestExpressApplication;
  infra: Infrastructure;
  /** http://host:port, without the API prefix. */
  url: string;
  firstStart: FirstStartResult;
  close(): Promise<void>;
}

/**
 * Opens the database (applying pending migrations), then builds and starts the API.
 * Shared by main.ts and the test harness so both boot the same way.
 */
export async function startControlPlane(config: AppConfig): Promise<RunningControlPlane> {
  const infra = await openInfrastructure(config);
  let app: NestExpressApplication;
  let firstStart: FirstStartResult;
  try {
    app = await createApp(infra);
    await app.init();
    firstStart = await runFirstStart(app, config);
    await app.listen(config.port, config.host);
  } catch (err) {
    await infra.close();
    throw err;
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    app,
    infra,
    url: `http://${config.host}:${port}`,
    firstStart,
    async close() {
      await app.close();
      await infra.close();
    },
  };
}
