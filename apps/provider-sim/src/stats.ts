/** Counters served by `GET /__sim/stats`; plain increments so they cost nothing on the hot path. */
export interface SimStats {
  requests: {
    total: number;
    byPath: Record<string, number>;
    byModel: Record<string, number>;
    byStatus: Record<string, number>;
    /** Closed by the client before the answer was complete (streams and not). */
    aborted: number;
  };
  streams: {
    started: number;
    completed: number;
    /** The client went away before the stream ended (generation stopped at once). */
    aborted: number;
    /** Cut on purpose by `cutAfterChunks`. */
    cut: number;
  };
  /** How many times each injected fault fired. */
  faults: Record<string, number>;
  inFlight: number;
}

export function emptyStats(): SimStats {
  return {
    requests: { total: 0, byPath: {}, byModel: {}, byStatus: {}, aborted: 0 },
    streams: { started: 0, completed: 0, aborted: 0, cut: 0 },
    faults: {},
    inFlight: 0,
  };
}

export function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** A deep copy, so callers can keep a snapshot while counting goes on. */
export function snapshotStats(stats: SimStats): SimStats {
  return {
    requests: {
      ...stats.requests,
      byPath: { ...stats.requests.byPath },
      byModel: { ...stats.requests.byModel },
      byStatus: { ...stats.requests.byStatus },
    },
    streams: { ...stats.streams },
    faults: { ...stats.faults },
    inFlight: stats.inFlight,
  };
}
