/** Teams whose hard budget is spent (from `GET /api/v1/proxy/limits`); their requests get a 429. */
export class TeamLimits {
  private blocked = new Map<string, string>();
  private _revision: string | null = null;

  get revision(): string | null {
    return this._revision;
  }

  reasonFor(team: string): string | undefined {
    return this.blocked.size === 0 ? undefined : this.blocked.get(team);
  }

  apply(raw: unknown): boolean {
    if (typeof raw !== 'object' || raw === null) return false;
    const { revision, blockedTeams } = raw as { revision?: unknown; blockedTeams?: unknown };
    if (!Array.isArray(blockedTeams)) return false;
    const next = new Map<string, string>();
    for (const t of blockedTeams) {
      const { team, reason } = (t ?? {}) as { team?: unknown; reason?: unknown };
      if (typeof team === 'string') next.set(team, typeof reason === 'string' ? reason : '');
    }
    this.blocked = next;
    this._revision = revision === undefined || revision === null ? null : String(revision);
    return true;
  }
}
