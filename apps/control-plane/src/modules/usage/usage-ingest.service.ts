import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { usageEvent, type UsageEvent, type UsageIngestResult } from '@switchyard/contracts';
import { RollupQueue } from '../rollups/rollup-queue';
import { fastUsageEvent } from './fast-usage-event';
import { INSERT_USAGE_SQL, insertParams, type StoredRow } from './usage-insert';
import { UsagePartitionsService } from './usage-partitions.service';

/** Proxies' clocks may run ahead a little; more than this is a broken clock, not usage. */
const MAX_FUTURE_MS = 24 * 3600 * 1000;

@Injectable()
export class UsageIngestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partitions: UsagePartitionsService,
    private readonly rollups: RollupQueue,
  ) {}

  /**
   * Validates each event on its own (a bad one is reported by index and never blocks
   * the rest), stores the good ones once, and asks for a rollup of every day touched.
   *
   * Takes ownership of `events` and the objects in it (a request body): valid events
   * are completed in place, and once converted to the insert's parameters the array is
   * emptied, so that a batch's 5,000 parsed objects are garbage while the insert
   * runs instead of surviving into the old generation (measured: a third of the
   * ingest CPU was garbage collection).
   */
  async ingest(events: unknown[], now = Date.now()): Promise<UsageIngestResult> {
    const rejected: UsageIngestResult['rejected'] = [];
    const rows: StoredRow[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    const oldest = this.partitions.oldestKeptDay(now);

    for (let index = 0; index < events.length; index++) {
      const raw = events[index];
      // The fast check vouches for most events; zod judges the rest (and says what is wrong).
      let e = fastUsageEvent(raw);
      const canonical = e !== null;
      if (e === null) {
        const parsed = usageEvent.safeParse(raw);
        if (!parsed.success) {
          const reason = parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ');
          rejected.push({ index, id: idOf(raw), reason });
          continue;
        }
        e = parsed.data;
      }
      const at = Date.parse(e.ts);
      // Canonical UTC to the millisecond, so that the day computed here is the day Postgres stores.
      const ts = canonical ? e.ts : new Date(at).toISOString();
      const day = ts.slice(0, 10);
      const problem = checkEvent(e, at, day, oldest, now);
      if (problem) {
        rejected.push({ index, id: e.id, reason: problem });
        continue;
      }
      const id = /[A-F]/.test(e.id) ? e.id.toLowerCase() : e.id;
      if (seen.has(id)) {
        duplicates++;
        continue;
      }
      seen.add(id);
      // The event object is ours (parsed from this request): completed in place, not copied.
      const row = e as StoredRow;
      row.id = id;
      row.ts = ts;
      row.day = day;
      rows.push(row);
    }

    const valid = rows.length;
    const days = [...new Set(rows.map((r) => r.day))];
    const params = valid > 0 ? insertParams(rows) : null;
    rows.length = 0;
    events.length = 0;
    let stored = 0;
    if (params) {
      await this.partitions.ensure(days);
      const perDay: Array<{ day: string; n: number }> = await this.dataSource.query(INSERT_USAGE_SQL, params);
      for (const { n } of perDay) stored += n;
      // Every day of the batch, duplicates included: a replay of a batch whose first
      // delivery was stored but never acknowledged asks again for the rollup it may
      // have missed (requests in one window share one job).
      for (const day of days) await this.rollups.day(day, now);
    }
    duplicates += valid - stored;
    return { stored, duplicates, rejected };
  }
}

/** Checks the schema cannot express; null when the event is fine. */
function checkEvent(e: UsageEvent, at: number, day: string, oldestDay: string, now: number): string | null {
  if (at > now + MAX_FUTURE_MS) return `ts: ${e.ts} is more than 24 hours ahead of the control plane's clock (${new Date(now).toISOString()}): check the proxy's clock`;
  if (day < oldestDay) return `ts: ${e.ts} is before ${oldestDay}, the oldest day the usage retention keeps: not stored`;
  for (const [field, v] of [['proxyId', e.proxyId], ['bucket', e.bucket], ['requestedModel', e.requestedModel], ['servedModel', e.servedModel], ['apiKeyId', e.apiKeyId], ['team', e.team], ['errorType', e.errorType]] as const) {
    // Postgres text cannot hold NUL: one such event would otherwise fail its whole batch.
    if (v !== null && v.includes('\u0000')) return `${field}: contains a NUL character`;
  }
  if (e.cachedTokens > e.promptTokens) return `cachedTokens: ${e.cachedTokens} exceeds promptTokens (${e.promptTokens}); cached tokens are part of the prompt`;
  return null;
}

function idOf(raw: unknown): string | null {
  if (typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string') return ((raw as { id: string }).id).slice(0, 64);
  return null;
}
