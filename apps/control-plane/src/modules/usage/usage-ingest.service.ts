import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { usageEvent, type UsageEvent, type UsageIngestResult } from '@switchyard/contracts';
import { dayOf } from '../rollups/days';
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
   */
  async ingest(events: readonly unknown[], now = Date.now()): Promise<UsageIngestResult> {
    const rejected: UsageIngestResult['rejected'] = [];
    const rows: StoredRow[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    const oldest = this.partitions.oldestKeptDay(now);

    events.forEach((raw, index) => {
      let e = fastUsageEvent(raw);
      if (e === null) {
        const parsed = usageEvent.safeParse(raw);
        if (!parsed.success) {
          const reason = parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ');
          rejected.push({ index, id: idOf(raw), reason });
          return;
        }
        e = parsed.data;
      }
      const at = Date.parse(e.ts);
      const problem = checkEvent(e, at, oldest, now);
      if (problem) {
        rejected.push({ index, id: e.id, reason: problem });
        return;
      }
      const id = e.id.toLowerCase();
      if (seen.has(id)) {
        duplicates++;
        return;
      }
      seen.add(id);
      // Canonical UTC to the millisecond, so that the day computed here is the day Postgres stores.
      const ts = new Date(at).toISOString();
      rows.push({ ...e, id, ts, day: ts.slice(0, 10) });
    });

    let stored = 0;
    if (rows.length > 0) {
      const days = [...new Set(rows.map((r) => r.day))];
      await this.partitions.ensure(days);
      const perDay: Array<{ day: string; n: number }> = await this.dataSource.query(INSERT_USAGE_SQL, insertParams(rows));
      for (const { day, n } of perDay) {
        stored += n;
        await this.rollups.day(day, now);
      }
    }
    duplicates += rows.length - stored;
    return { stored, duplicates, rejected };
  }
}

/** Checks the schema cannot express; null when the event is fine. */
function checkEvent(e: UsageEvent, at: number, oldestDay: string, now: number): string | null {
  if (at > now + MAX_FUTURE_MS) return `ts: ${e.ts} is more than 24 hours ahead of the control plane's clock (${new Date(now).toISOString()}): check the proxy's clock`;
  const day = dayOf(at);
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
