import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_PREFIX, type ProxyApiKey, type ProxyKeySet } from '@switchyard/contracts';

export { buildSnapshot, type SnapshotOptions } from '@switchyard/testing';

export interface TestKey {
  key: string;
  record: ProxyApiKey;
}

export function makeKey(team: string, defaultBucket: string | null = null): TestKey {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(40);
  let key = API_KEY_PREFIX;
  for (const b of bytes) key += alphabet[b % alphabet.length];
  const hash = createHash('sha256').update(key).digest('hex');
  return { key, record: { id: `key-${team}-${bytes.toString('hex').slice(0, 8)}`, hash, team, defaultBucket } };
}

export function keySet(keys: TestKey[], revision = 'r1'): ProxyKeySet {
  return { revision, keys: keys.map((k) => k.record) };
}
