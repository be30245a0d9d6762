import { mergeConfig, validateConfigPatch, type SimConfig } from './config';
import { mulberry32, type Rng } from './random';
import { emptyStats, type SimStats } from './stats';

/** Everything the handlers share: the live config, the fault PRNG and the counters. */
export class SimState {
  config: SimConfig;
  rng: Rng;
  stats: SimStats = emptyStats();

  constructor(private readonly initial: SimConfig) {
    this.config = initial;
    this.rng = mulberry32(initial.seed);
  }

  /** Validates and merges a patch (throws SimConfigError naming the bad field). */
  setConfig(patch: unknown): SimConfig {
    const valid = validateConfigPatch(patch);
    this.config = mergeConfig(this.config, valid);
    // A new seed restarts the fault sequence, so a run can be replayed exactly.
    if (valid.seed !== undefined) this.rng = mulberry32(valid.seed);
    return this.config;
  }

  /** Back to the configuration the server started with (and its fault sequence). */
  resetConfig(): SimConfig {
    this.config = this.initial;
    this.rng = mulberry32(this.initial.seed);
    return this.config;
  }

  resetStats(): void {
    // In-flight requests are still open; keep counting them.
    const inFlight = this.stats.inFlight;
    this.stats = emptyStats();
    this.stats.inFlight = inFlight;
  }
}
