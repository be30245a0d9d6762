import { Injectable, type OnModuleDestroy } from '@nestjs/common';

/**
 * Open long-polls and SSE streams of this replica. They are ended before the HTTP
 * server closes on shutdown (otherwise it would wait for them forever); proxies
 * reconnect to another replica.
 */
@Injectable()
export class ProxyConnections implements OnModuleDestroy {
  private readonly open = new Set<() => void>();
  private closing = false;

  get count(): number {
    return this.open.size;
  }

  get shuttingDown(): boolean {
    return this.closing;
  }

  /** Registers a connection's close function; returns the function that unregisters it. */
  track(close: () => void): () => void {
    this.open.add(close);
    return () => this.open.delete(close);
  }

  onModuleDestroy(): void {
    this.closing = true;
    for (const close of [...this.open]) close();
    this.open.clear();
  }
}
