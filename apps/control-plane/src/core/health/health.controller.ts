import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';
import { QUEUE_DRIVER, type QueueDriver } from '../queue/queue-driver';

/** Liveness and dependencies: 200 when all are up, 503 (same body) when any is down. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
  ) {}

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, queue] = await Promise.all([this.databaseStatus(), this.queue.health()]);
    const ok = database === 'up' && queue === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', database, queue, queueDriver: this.queue.kind };
  }

  private async databaseStatus(): Promise<'up' | 'down'> {
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref()),
      ]);
      return 'up';
    } catch {
      return 'down';
    }
  }
}
