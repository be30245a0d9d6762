import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { eachDay, oldestKeptDay } from './days';
import { HISTOGRAM_BOUNDS } from './histogram';
import { REBUILD_DIMS_SQL, ROLLUP_CELLS_SQL, ROLLUP_DAY_DIMS_SQL, ROLLUP_DAY_SQL, ROLLUP_TOTALS_SQL } from './rollup.sql';

/** Advisory-lock namespace for "rolling up day N" (the second key is the day number). */
const ROLLUP_LOCK = 7_240_002;

export interface DayRollup {
  day: string;
  /** spend_daily rows written. */
  rows: number;
  ms: number;
  /** Set when the day's raw events are gone (retention): its rollup was kept as it was. */
  skipped?: string;
}

/**
 * Recomputes a day of spend_daily (and spend_daily_dim) from raw events: delete and
 * insert in one transaction, so readers see the old rows or the new ones, and running
 * it again gives identical rows. Two rollups of one day never overlap (advisory lock),
 * and the later one reads everything committed before it started.
 */
@Injectable()
export class RollupService {
  private readonly logger = new Logger('Rollup');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async recomputeDay(day: string, now = Date.now()): Promise<DayRollup> {
    const oldest = oldestKeptDay(this.config.usageRetentionDays, now);
    if (day < oldest) {
      return { day, rows: 0, ms: 0, skipped: `raw events before ${oldest} are dropped by the retention; the stored rollup is kept` };
    }
    const started = performance.now();
    const rows = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1, $2)', [ROLLUP_LOCK, dayNumber(day)]);
      // The day's groups and histogram cells are hashed in memory; let them, instead of spilling to disk.
      await m.query(`SET LOCAL work_mem = '256MB'`);
      await m.query(ROLLUP_TOTALS_SQL, [day]);
      await m.query(ROLLUP_CELLS_SQL, [day, HISTOGRAM_BOUNDS]);
      // Temporary tables have no statistics until analysed; without them the joins below are planned blind.
      await m.query('ANALYZE rollup_totals');
      await m.query('ANALYZE rollup_cells');
      await m.query('DELETE FROM spend_daily_dim WHERE day = $1', [day]);
      await m.query('DELETE FROM spend_daily WHERE day = $1', [day]);
      await m.query(ROLLUP_DAY_SQL, [day]);
      await m.query(ROLLUP_DAY_DIMS_SQL, [day]);
      const [{ n }] = await m.query('SELECT count(*)::int AS n FROM rollup_totals');
      return n as number;
    });
    const ms = performance.now() - started;
    this.logger.debug(`rolled up ${day}: ${rows} rows in ${ms.toFixed(0)} ms`);
    return { day, rows, ms };
  }

  async recomputeRange(from: string, to: string): Promise<DayRollup[]> {
    const out: DayRollup[] = [];
    for (const day of eachDay(from, to)) out.push(await this.recomputeDay(day));
    return out;
  }

  /** Rebuilds spend_daily_dim from the spend_daily rows already there, in one statement (benchmarks seed spend_daily directly). */
  async rebuildDims(from: string, to: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query('DELETE FROM spend_daily_dim WHERE day BETWEEN $1 AND $2', [from, to]);
      await m.query(REBUILD_DIMS_SQL, [from, to]);
    });
  }
}

function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}
