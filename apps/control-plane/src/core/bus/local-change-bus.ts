import { EventEmitter } from 'node:events';
import type { ChangeBus, ChangeTopic } from './change-bus';

/** One process, one replica: embedded mode. */
export class LocalChangeBus implements ChangeBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(topic: ChangeTopic, payload: string): Promise<void> {
    this.emitter.emit(topic, payload);
  }

  subscribe(topic: ChangeTopic, handler: (payload: string) => void): () => void {
    this.emitter.on(topic, handler);
    return () => this.emitter.off(topic, handler);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
