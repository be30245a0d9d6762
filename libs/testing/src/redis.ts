import { randomBytes } from 'node:crypto';
import { testConfig } from './test-config';

/**
 * `describe` when a real Redis is configured, otherwise `describe.skip` — the test
 * runner lists what was skipped and why. Never replace Redis with a fake. Chosen at
 * call time, so this package loads outside Jest too (benchmarks use its helpers).
 */
export function describeWithRedis(name: string, fn: () => void): void {
  (testConfig.redisUrl ? describe : describe.skip)(name, fn);
}

/** The Redis URL for tests that need one (throws when none is configured). */
export function requireRedisUrl(): string {
  if (!testConfig.redisUrl) throw new Error('REDIS_URL is not set');
  return testConfig.redisUrl;
}

/** A key prefix unique to one test file, so parallel tests never share keys. */
export function uniqueRedisPrefix(label = 'test'): string {
  return `sy-${label}-${randomBytes(4).toString('hex')}:`;
}
