export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long an open breaker rejects before it lets one trial through. */
  cooldownMs: number;
}

/**
 * Per-target circuit breaker, a pure state machine: time comes from the injected
 * clock, so tests drive it without waiting. Closed → (N consecutive failures) → open
 * → (cool-down elapsed) → half-open, which admits exactly one trial request: success
 * closes the breaker, failure opens it for another cool-down.
 */
export class CircuitBreaker {
  private _state: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(
    private options: BreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    return this._state;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Thresholds follow the policy; a new version may change them without resetting state. */
  configure(options: BreakerOptions): void {
    this.options = options;
  }

  /** Milliseconds until an open breaker admits a trial (0 when it would admit one now). */
  retryInMs(): number {
    if (this._state !== 'open') return 0;
    return Math.max(0, this.openedAt + this.options.cooldownMs - this.now());
  }

  /**
   * Whether a request may go to this target now. In half-open state the first caller
   * gets the single trial and must report its outcome; others are refused until then.
   */
  tryAcquire(): boolean {
    if (this._state === 'closed') return true;
    if (this._state === 'open') {
      if (this.now() - this.openedAt < this.options.cooldownMs) return false;
      this._state = 'half-open';
      this.trialInFlight = false;
    }
    if (this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** Would `tryAcquire` succeed, without taking the half-open trial. */
  isAvailable(): boolean {
    if (this._state === 'closed') return true;
    if (this._state === 'open') return this.now() - this.openedAt >= this.options.cooldownMs;
    return !this.trialInFlight;
  }

  onSuccess(): void {
    this._state = 'closed';
    this.failures = 0;
    this.trialInFlight = false;
  }

  onFailure(): void {
    this.failures++;
    if (this._state === 'half-open' || this.failures >= this.options.failureThreshold) {
      this._state = 'open';
      this.openedAt = this.now();
      this.trialInFlight = false;
    }
  }

  /**
   * The attempt ended in a way that says nothing about the target's health (the client
   * went away, or its request was rejected as invalid): release a half-open trial.
   */
  onNeutral(): void {
    if (this._state === 'half-open') this.trialInFlight = false;
  }
}
