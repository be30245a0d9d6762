import { Inject, Injectable } from '@nestjs/common';
import { POLICY_STREAM_EVENTS } from '@switchyard/contracts';
import { CHANGE_BUS, type ChangeBus } from '../../core/bus/change-bus';
import { TeamLimitsService, type ProxyLimits } from '../budgets/team-limits.service';
import { BusSnapshotCache, liveSnapshot, type LiveSnapshot } from './bus-snapshot.cache';

/**
 * The teams proxies must refuse, re-read on each `limits` notification and pushed on
 * the policy stream: a spent hard budget reaches every proxy within a second, not at
 * its next poll of GET /proxy/limits.
 */
@Injectable()
export class TeamLimitsCache extends BusSnapshotCache<ProxyLimits> {
  constructor(
    private readonly limits: TeamLimitsService,
    @Inject(CHANGE_BUS) bus: ChangeBus,
  ) {
    super(bus, 'limits', 'TeamLimitsCache');
  }

  protected async read(): Promise<LiveSnapshot<ProxyLimits>> {
    const limits = await this.limits.current();
    return liveSnapshot(POLICY_STREAM_EVENTS.limits, limits.revision, limits);
  }
}
