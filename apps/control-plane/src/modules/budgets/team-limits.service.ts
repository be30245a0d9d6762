import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHANGE_BUS, type ChangeBus } from '../../core/bus/change-bus';

/** Serialises rewrites of the blocked-team list across replicas. */
const LIMITS_LOCK = 7_240_003;

export interface ProxyLimits {
  /** Changes whenever the list does (a hash of it: equal lists, equal revisions, on every replica). */
  revision: string;
  blockedTeams: Array<{ team: string; reason: string }>;
}

export interface BlockedTeam {
  team: string;
  budgetId: string;
  reason: string;
}

/**
 * The teams proxies must refuse (429) because a hard-limit budget is spent. The list is
 * central, in Postgres, so every proxy replica enforces the same one: proxies poll
 * GET /proxy/limits and control planes publish 'limits' on the change bus when it changes.
 */
@Injectable()
export class TeamLimitsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CHANGE_BUS) private readonly bus: ChangeBus,
  ) {}

  /** What GET /proxy/limits serves: one indexed read of a table of a few rows. */
  async current(): Promise<ProxyLimits> {
    const rows: Array<{ team: string; reason: string }> = await this.dataSource.query('SELECT team, reason FROM budget_blocked_teams');
    rows.sort(byTeam);
    return { revision: revisionOf(rows), blockedTeams: rows };
  }

  /** Replaces the list when it differs; publishes 'limits' with the new revision. Returns true when it changed. */
  async sync(desired: readonly BlockedTeam[]): Promise<boolean> {
    const next = [...desired].sort(byTeam);
    const revision = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [LIMITS_LOCK]);
      const rows: BlockedTeam[] = await m.query('SELECT team, budget_id AS "budgetId", reason FROM budget_blocked_teams');
      rows.sort(byTeam);
      const same = rows.length === next.length && rows.every((r, i) => r.team === next[i].team && r.reason === next[i].reason && r.budgetId === next[i].budgetId);
      if (same) return null;
      // Keep `since` for teams that stay blocked; drop the ones no longer blocked.
      await m.query('DELETE FROM budget_blocked_teams WHERE NOT (team = ANY($1::text[]))', [next.map((t) => t.team)]);
      if (next.length > 0) {
        await m.query(
          `INSERT INTO budget_blocked_teams (team, budget_id, reason)
           SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[])
           ON CONFLICT (team) DO UPDATE SET budget_id = excluded.budget_id, reason = excluded.reason`,
          [next.map((t) => t.team), next.map((t) => t.budgetId), next.map((t) => t.reason)],
        );
      }
      return revisionOf(next);
    });
    if (revision === null) return false;
    await this.bus.publish('limits', revision);
    return true;
  }
}

/** One order everywhere (JS code units), so the revision never depends on a database collation. */
function byTeam(a: { team: string }, b: { team: string }): number {
  return a.team < b.team ? -1 : a.team > b.team ? 1 : 0;
}

export function revisionOf(rows: ReadonlyArray<{ team: string; reason: string }>): string {
  const h = createHash('sha256');
  for (const r of rows) h.update(`${r.team}\u0000${r.reason}\u0000`);
  return h.digest('hex').slice(0, 16);
}
