import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { usageEvent, type UsageEvent, type UsageIngestResult } from '@switchyard/contracts';
import { dayOf } from '../rollups/days';
import { RollupQueue } from '../rollups/rollup-queue';
import { fastUsageEvent } from './fast-usage-event';
import { UsagePartitionsService } from './usage-partitions.service';

/** Proxies' clocks may run ahead a little; more than this is a broken clock, not usage. */
const MAX_FUTURE_MS = 24 * 3600 * 1000;

type StoredRow = UsageEvent & { day: string };

/**
 * One INSERT for the whole batch: the validated events travel as a single JSON
 * parameter and Postgres turns them into rows (json_to_recordset), money parsed
 * straight into NUMERIC from its decimal strings. ON CONFLICT makes replays no-ops.
 */
const INSERT_SQL = `
WITH stored AS (
  INSERT INTO usage_events (id, day, ts, proxy_id, policy_version, kind, endpoint, bucket, requested_model, served_model,
    api_key_id, team, stream, prompt_tokens, completion_tokens, cached_tokens, usage_estimated, cache,
    cost_usd, baseline_cost_usd, cache_saved_usd, ttft_ms, total_ms, status, error_type, attempts)
  SELECT e.id, e.day, e.ts, e."proxyId", e."policyVersion", e.kind, e.endpoint, e.bucket, e."requestedModel", e."servedModel",
    e."apiKeyId", e.team, e.stream, e."promptTokens", e."completionTokens", e."cachedTokens", e."usageEstimated", e.cache,
    e."costUsd", e."baselineCostUsd", e."cacheSavedUsd", e."ttftMs", e."totalMs", e.status, e."errorType", e.attempts
  FROM json_to_recordset($1::json) AS e(
    id uuid, day date, ts timestamptz, "proxyId" text, "policyVersion" integer, kind text, endpoint text, bucket text,
    "requestedModel" text, "servedModel" text, "apiKeyId" text, team text, stream boolean, "promptTokens" integer,
    "completionTokens" integer, "cachedTokens" integer, "usageEstimated" boolean, cache text, "costUsd" numeric,
    "baselineCostUsd" numeric, "cacheSavedUsd" numeric, "ttftMs" double precision, "totalMs" double precision,
    status smallint, "errorType" text, attempts smallint)
  ON CONFLICT (day, id) DO NOTHING
  RETURNING day
)
SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM stored GROUP BY day`;

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
      const perDay: Array<{ day: string; n: number }> = await this.dataSource.query(INSERT_SQL, [JSON.stringify(rows)]);
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
  if (e.cachedTokens > e.promptTokens) return `cachedTokens: ${e.cachedTokens} exceeds promptTokens (${e.promptTokens}); cached tokens are part of the prompt`;
  return null;
}

function idOf(raw: unknown): string | null {
  if (typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string') return ((raw as { id: string }).id).slice(0, 64);
  return null;
}
