import type { Locator } from 'playwright-core';

/**
 * Reads a value until a Jest assertion on it passes (pages update asynchronously);
 * after the timeout the last assertion error is thrown, so the test fails with it.
 */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const countOf = (locator: Locator, n: number, timeoutMs?: number) =>
  eventually(() => locator.count(), (c) => expect(c).toBe(n), timeoutMs);

export const textOf = (locator: Locator, check: (text: string) => void, timeoutMs?: number) =>
  eventually(() => locator.innerText(), check, timeoutMs);
