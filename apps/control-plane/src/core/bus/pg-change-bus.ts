import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { ChangeBus, ChangeTopic } from './change-bus';

const CHANNEL = 'switchyard_changes';

/**
 * Postgres LISTEN/NOTIFY: every replica on one database hears every change, with no
 * extra infrastructure. A dedicated connection listens and reconnects with backoff
 * (a restarted Postgres must not need a control-plane restart).
 */
export class PgChangeBus implements ChangeBus {
  private readonly logger = new Logger('ChangeBus');
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private client: Client | null = null;
  private closed = false;
  private retryMs = 250;

  constructor(
    private readonly url: string,
    private readonly notify: (sql: string, params: unknown[]) => Promise<unknown>,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, keepAlive: true });
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      const sep = msg.payload.indexOf(':');
      this.emitter.emit(msg.payload.slice(0, sep), msg.payload.slice(sep + 1));
    });
    client.on('error', (err) => this.logger.warn(`listen connection failed: ${err.message}`));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      // The caller retries; this client is done (it also emits 'end', which must not start a second retry loop).
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    // Only a connection that was up schedules a reconnect when it drops: one retry loop at a time.
    client.once('end', () => this.scheduleReconnect());
    this.client = client;
    this.retryMs = 250;
  }

  private scheduleReconnect() {
    this.client = null;
    if (this.closed) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
    setTimeout(() => {
      if (this.closed) return;
      this.connect()
        .then(() => {
          this.logger.log('listen connection restored');
          // Anything published while we were away: let subscribers re-read.
          for (const topic of this.emitter.eventNames()) this.emitter.emit(topic, '');
        })
        .catch(() => this.scheduleReconnect());
    }, delay).unref();
  }

  async publish(topic: ChangeTopic, payload: string): Promise<void> {
    await this.notify('SELECT pg_notify($1, $2)', [CHANNEL, `${topic}:${payload}`]);
  }

  subscribe(topic: ChangeTopic, handler: (payload: string) => void): () => void {
    this.emitter.on(topic, handler);
    return () => this.emitter.off(topic, handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.emitter.removeAllListeners();
    await this.client?.end().catch(() => undefined);
  }
}
