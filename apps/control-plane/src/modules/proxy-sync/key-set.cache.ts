import { Inject, Injectable } from '@nestjs/common';
import { POLICY_STREAM_EVENTS, type ProxyKeySet } from '@switchyard/contracts';
import { CHANGE_BUS, type ChangeBus } from '../../core/bus/change-bus';
import { KeysService } from '../keys/keys.service';
import { BusSnapshotCache, liveSnapshot, type LiveSnapshot } from './bus-snapshot.cache';

export type LiveKeySet = LiveSnapshot<ProxyKeySet>;

/** The API key set proxies sync, re-read on each `keys` notification. */
@Injectable()
export class KeySetCache extends BusSnapshotCache<ProxyKeySet> {
  constructor(
    private readonly keys: KeysService,
    @Inject(CHANGE_BUS) bus: ChangeBus,
  ) {
    super(bus, 'keys', 'KeySetCache');
  }

  protected async read(): Promise<LiveKeySet> {
    const keySet = await this.keys.proxyKeySet();
    return liveSnapshot(POLICY_STREAM_EVENTS.keys, keySet.revision, keySet);
  }
}
