import { LoginRateLimiter } from './login-rate-limiter';

describe('LoginRateLimiter', () => {
  it('blocks after max failures within the window and frees after it', () => {
    let now = 0;
    const l = new LoginRateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfter('k')).toBe(0);
      l.fail('k');
      now += 1_000;
    }
    expect(l.retryAfter('k')).toBe(57); // first failure at 0 s, now 3 s, window 60 s
    expect(l.retryAfter('other')).toBe(0);
    now = 61_000;
    expect(l.retryAfter('k')).toBe(0);
  });

  it('forgets failures after a success', () => {
    const l = new LoginRateLimiter(2, 60_000);
    l.fail('k');
    l.fail('k');
    expect(l.retryAfter('k')).toBeGreaterThan(0);
    l.succeed('k');
    expect(l.retryAfter('k')).toBe(0);
  });
});
