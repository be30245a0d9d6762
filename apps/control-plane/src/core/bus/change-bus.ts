/**
 * Tells every control-plane replica that something changed (a publish, a key change),
 * so each can push it to the proxies connected to it. Payloads are small hints (e.g. a
 * version number); receivers read the truth from the database.
 */
export type ChangeTopic = 'policy' | 'keys' | 'limits' | 'rollout';

export interface ChangeBus {
  publish(topic: ChangeTopic, payload: string): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(topic: ChangeTopic, handler: (payload: string) => void): () => void;
  close(): Promise<void>;
}

export const CHANGE_BUS = Symbol('CHANGE_BUS');
