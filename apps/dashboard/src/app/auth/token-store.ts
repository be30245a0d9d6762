/**
 * Where the session token lives (localStorage in the browser, memory in tests).
 * The API client reads it on every call; the auth context re-renders when it changes.
 */
export interface TokenStore {
  get(): string | null;
  set(token: string): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
}

const KEY = 'switchyard.token';

export function createTokenStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null): TokenStore {
  let token = safely(() => storage?.getItem(KEY) ?? null, null);
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((l) => l());
  return {
    get: () => token,
    set(next) {
      token = next;
      safely(() => storage?.setItem(KEY, next), undefined);
      emit();
    },
    clear() {
      if (token === null) return;
      token = null;
      safely(() => storage?.removeItem(KEY), undefined);
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Storage can throw (private mode, quota); the session then lives in memory only. */
function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
