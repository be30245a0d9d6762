/**
 * Runs an async reload so that at most one runs at a time, and a request that arrives
 * while one runs causes exactly one more run after it (it may have missed the change).
 * A burst of N notifications costs at most two database reads, not N.
 */
export class CoalescedRefresh {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly reload: () => Promise<void>,
    private readonly onError: (err: Error) => void,
  ) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.reload();
        } catch (err) {
          this.onError(err as Error);
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves when no reload is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }
}
