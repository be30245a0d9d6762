import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { READ_CATALOG, Roles } from '../../core/auth/access.decorators';
import { FleetService } from './fleet.service';

@ApiTags('fleet')
@ApiBearerAuth()
@Controller('fleet')
export class FleetController {
  constructor(private readonly fleet: FleetService) {}

  /** Every proxy with its applied version, lag behind the latest, rejection and staleness. */
  @Get()
  @Roles(...READ_CATALOG)
  list() {
    return this.fleet.fleet();
  }
}
