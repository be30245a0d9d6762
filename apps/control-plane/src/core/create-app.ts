import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { AppModule, type Infrastructure } from './app.module';
import { rejectNulInput } from './http/reject-nul';
import { securityHeaders } from './http/security-headers';

export const API_PREFIX = 'api/v1';

/** The Nest application over already-opened infrastructure (used by main.ts and tests). */
export async function createApp(infra: Infrastructure): Promise<NestExpressApplication> {
  const { config } = infra;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(infra), {
    logger: loggerLevels(config.logLevel),
    bodyParser: false,
  });
  app.disable('x-powered-by');
  // First, so that answers the body parser gives itself (malformed JSON, too large) carry the headers too.
  app.use(securityHeaders);
  // Usage batches of 5,000 events are a few MB; everything else is small.
  app.useBodyParser('json', { limit: '16mb' });
  app.use(rejectNulInput);
  app.enableCors(config.corsOrigin ? { origin: config.corsOrigin.split(',').map((o) => o.trim()), credentials: false } : { origin: false });
  app.setGlobalPrefix(API_PREFIX);
  app.enableShutdownHooks();

  if (config.swagger) {
    const doc = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Switchyard control plane')
        .setDescription('Catalog, routing policies, fleet, usage and spend. See docs/api.md.')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup('api/docs', app, doc, { useGlobalPrefix: false });
  }
  serveDashboard(app, resolve(config.dashboardDir));
  return app;
}

/** The built dashboard at `/`, with client-side routes falling back to index.html. */
function serveDashboard(app: NestExpressApplication, dir: string) {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Dashboard').warn(`No built dashboard at ${dir}: run "npm run build:dashboard" to serve it at /.`);
    return;
  }
  app.useStaticAssets(dir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

function loggerLevels(level: string) {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level as (typeof order)[number]) + 1);
}
