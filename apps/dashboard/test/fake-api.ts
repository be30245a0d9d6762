import type { ApiClient } from '@switchyard/api-client';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? T[K] : DeepPartial<T[K]> };

/**
 * A fake control-plane client for component tests (the one thing component tests
 * fake). Every call not given in `overrides` is a jest.fn that rejects, naming the
 * call, so a test fails loudly if a component reaches for data it did not set up.
 */
export function createFakeApi(overrides: DeepPartial<ApiClient> = {}): ApiClient {
  const unexpected = (name: string) => jest.fn(() => Promise.reject(new Error(`unexpected API call: ${name}`)));
  const shape: Record<string, string[] | null> = {
    auth: ['login', 'me'],
    health: null,
    users: ['list', 'create'],
    providers: ['list', 'create'],
    models: ['list', 'create', 'update'],
    policies: ['live', 'versions', 'version', 'diff', 'drafts', 'createDraft', 'draft', 'saveDraft', 'validateDraft', 'publishDraft', 'deleteDraft', 'rollback'],
    keys: ['list', 'create', 'revoke'],
    fleet: null,
    rollouts: ['list', 'get', 'create', 'promote', 'abort'],
    audit: null,
    spend: ['get', 'summary', 'exportCsv', 'exportUrl'],
    performance: null,
    whatIf: null,
    budgets: ['list', 'upsert', 'remove', 'status', 'alerts'],
    admin: ['recomputeRollups'],
    reviews: ['next', 'judge', 'results', 'importJsonl'],
  };
  const api: Record<string, unknown> = {};
  const given = overrides as Record<string, unknown>;
  for (const [group, methods] of Object.entries(shape)) {
    if (methods === null) {
      api[group] = given[group] ?? unexpected(group);
      continue;
    }
    const sub = (given[group] ?? {}) as Record<string, unknown>;
    api[group] = Object.fromEntries(methods.map((m) => [m, sub[m] ?? unexpected(`${group}.${m}`)]));
  }
  return api as unknown as ApiClient;
}
