import { Global, Module, type DynamicModule } from '@nestjs/common';
import { QUEUE_DRIVER, type QueueDriver } from './queue-driver';

@Global()
@Module({})
export class QueueModule {
  static forRoot(driver: QueueDriver): DynamicModule {
    return { module: QueueModule, providers: [{ provide: QUEUE_DRIVER, useValue: driver }], exports: [QUEUE_DRIVER] };
  }
}
