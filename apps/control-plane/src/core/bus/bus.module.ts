import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CHANGE_BUS, type ChangeBus } from './change-bus';

@Global()
@Module({})
export class BusModule {
  static forRoot(bus: ChangeBus): DynamicModule {
    return { module: BusModule, providers: [{ provide: CHANGE_BUS, useValue: bus }], exports: [CHANGE_BUS] };
  }
}
