import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { addDays, eachDay, isDay, oldestKeptDay, today } from '../rollups/days';

/** Serialises partition DDL across replicas (an arbitrary constant key). */
const PARTITION_LOCK = 7_240_001;

export function partitionName(day: string): string {
  return `usage_events_p${day.replace(/-/g, '')}`;
}

/**
 * Day partitions of usage_events: created ahead by the maintenance job, created on
 * demand for a late or back-filled day, dropped once older than the retention.
 */
@Injectable()
export class UsagePartitionsService {
  private readonly logger = new Logger('UsagePartitions');
  /** Days known to have a partition (per process; a cheap skip on the ingest path). */
  private readonly known = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The oldest day whose events are kept: today − retention + 1. */
  oldestKeptDay(now = Date.now()): string {
    return oldestKeptDay(this.config.usageRetentionDays, now);
  }

  async ensure(days: Iterable<string>): Promise<void> {
    const missing = [...new Set(days)].filter((d) => !this.known.has(d));
    if (missing.length === 0) return;
    for (const day of missing) {
      if (!isDay(day)) throw new Error(`not a day: ${day}`);
    }
    await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
      const existing = await this.existingDays(m.query.bind(m));
      for (const day of missing) {
        if (!existing.has(day)) {
          // Names and bounds come from validated days (isDay above), never from raw input.
          await m.query(`CREATE TABLE ${partitionName(day)} PARTITION OF usage_events FOR VALUES FROM ('${day}') TO ('${addDays(day, 1)}')`);
        }
      }
    });
    for (const day of missing) this.known.add(day);
  }

  /** Creates today's and the next days' partitions (and yesterday's, for late events). */
  async createAhead(now = Date.now()): Promise<void> {
    const t = today(now);
    await this.ensure(eachDay(addDays(t, -1), addDays(t, this.config.usagePartitionsAheadDays)));
  }

  /** Drops partitions older than the retention; returns the days dropped. */
  async dropExpired(now = Date.now()): Promise<string[]> {
    const oldest = this.oldestKeptDay(now);
    const dropped: string[] = [];
    await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
      for (const day of await this.existingDays(m.query.bind(m))) {
        if (day < oldest) {
          await m.query(`DROP TABLE ${partitionName(day)}`);
          dropped.push(day);
        }
      }
    });
    for (const day of dropped) this.known.delete(day);
    if (dropped.length > 0) this.logger.log(`dropped ${dropped.length} usage partition(s) older than ${oldest} (retention ${this.config.usageRetentionDays} days)`);
    return dropped;
  }

  async existingDays(query: (sql: string) => Promise<Array<{ name: string }>> = (sql) => this.dataSource.query(sql)): Promise<Set<string>> {
    const rows = await query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'usage_events'::regclass`,
    );
    const days = new Set<string>();
    for (const { name } of rows) {
      const m = /^usage_events_p(\d{4})(\d{2})(\d{2})$/.exec(name);
      if (m) days.add(`${m[1]}-${m[2]}-${m[3]}`);
    }
    return days;
  }
}
