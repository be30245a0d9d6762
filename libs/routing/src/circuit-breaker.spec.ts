import { CircuitBreaker } from './circuit-breaker';
import { classifyFailure, isRetryableStatus } from './retryable';

function breaker(failureThreshold = 3, cooldownMs = 1000) {
  const clock = { t: 0 };
  const b = new CircuitBreaker({ failureThreshold, cooldownMs }, () => clock.t);
  return { b, clock };
}

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures and refuses during the cool-down', () => {
    const { b, clock } = breaker(3, 1000);
    b.onFailure();
    b.onFailure();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
    b.onFailure();
    expect(b.state).toBe('open');
    clock.t = 999;
    expect(b.tryAcquire()).toBe(false);
    expect(b.isAvailable()).toBe(false);
    expect(b.retryInMs()).toBe(1);
  });

  it('counts only consecutive failures: a success resets the count', () => {
    const { b } = breaker(3);
    b.onFailure();
    b.onFailure();
    b.onSuccess();
    b.onFailure();
    b.onFailure();
    expect(b.state).toBe('closed');
    expect(b.consecutiveFailures).toBe(2);
  });

  it('goes half-open after the cool-down and admits exactly one trial', () => {
    const { b, clock } = breaker(1, 1000);
    b.onFailure();
    clock.t = 1000;
    expect(b.isAvailable()).toBe(true);
    expect(b.tryAcquire()).toBe(true);
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(false);
    expect(b.isAvailable()).toBe(false);
  });

  it('closes when the half-open trial succeeds', () => {
    const { b, clock } = breaker(1, 1000);
    b.onFailure();
    clock.t = 1500;
    b.tryAcquire();
    b.onSuccess();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(true);
  });

  it('reopens for a full cool-down when the trial fails', () => {
    const { b, clock } = breaker(5, 1000);
    for (let i = 0; i < 5; i++) b.onFailure();
    clock.t = 1000;
    expect(b.tryAcquire()).toBe(true);
    b.onFailure();
    expect(b.state).toBe('open');
    clock.t = 1999;
    expect(b.tryAcquire()).toBe(false);
    clock.t = 2000;
    expect(b.tryAcquire()).toBe(true);
  });

  it('releases the trial on a neutral outcome (client went away)', () => {
    const { b, clock } = breaker(1, 10);
    b.onFailure();
    clock.t = 10;
    expect(b.tryAcquire()).toBe(true);
    b.onNeutral();
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true);
  });
});

describe('failure classification', () => {
  it('falls back on 429, 5xx, connection errors and timeouts', () => {
    expect(classifyFailure({ kind: 'status', status: 429 })).toBe('next-fallback');
    expect(classifyFailure({ kind: 'status', status: 500 })).toBe('next-fallback');
    expect(classifyFailure({ kind: 'status', status: 503 })).toBe('next-fallback');
    expect(classifyFailure({ kind: 'connection' })).toBe('next-fallback');
    expect(classifyFailure({ kind: 'timeout' })).toBe('next-fallback');
  });

  it('returns other 4xx to the client unchanged', () => {
    for (const status of [400, 401, 403, 404, 413, 422]) {
      expect(classifyFailure({ kind: 'status', status })).toBe('return-to-client');
      expect(isRetryableStatus(status)).toBe(false);
    }
  });
});
