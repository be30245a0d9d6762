import fc from 'fast-check';
import { SEED_POLICY } from '@switchyard/contracts';
import type { ControlPlaneHarness } from './control-plane.harness';
import { makeEvent } from './usage-events';

/**
 * Generators for fuzzing the control plane's inputs: bodies that are a valid request
 * with one thing wrong (the interesting ones — they pass most checks), random JSON,
 * broken JSON, and path parameters from "exists" to "nonsense".
 */

/** A valid body for each write route, to mutate. Routes not listed get random JSON only. */
export function sampleBodies(ids: { draftId: string }): Record<string, unknown> {
  const today = new Date().toISOString().slice(0, 10);
  return {
    'POST /api/v1/auth/login': { email: 'nobody@fuzz.test', password: 'not-the-password' },
    'POST /api/v1/users': { email: 'fuzz@fuzz.test', password: 'a-long-password-123', role: 'viewer' },
    'POST /api/v1/providers': { name: 'fuzzprov', baseUrl: 'https://fuzz.example.com/v1', apiKeyEnv: 'FUZZ_KEY' },
    'POST /api/v1/models': { id: 'fuzz/model', provider: 'openai', contextWindow: 1000, inputPrice: '1', outputPrice: '2' },
    'PATCH /api/v1/models/{id}': { enabled: true, contextWindow: 1000, price: { input: '1', output: '2' } },
    'POST /api/v1/policies/drafts': { name: 'fuzz', content: SEED_POLICY },
    'PUT /api/v1/policies/drafts/{id}': { name: 'fuzz', content: SEED_POLICY },
    'POST /api/v1/policies/drafts/{id}/publish': { message: 'fuzz' },
    'POST /api/v1/policies/versions/{version}/rollback': { message: 'fuzz' },
    'POST /api/v1/keys': { name: 'fuzz', team: 'fuzz', defaultBucket: null },
    'POST /api/v1/budgets': { team: 'fuzz', monthlyUsd: '100', thresholds: [50, 100], hardLimit: false, webhookUrl: null },
    'POST /api/v1/admin/rollups/recompute': { from: today, to: today },
    'POST /api/v1/what-if': { policy: SEED_POLICY, from: today, to: today },
    'POST /api/v1/rollouts': { draftId: ids.draftId, canaryPercent: 10 },
    'POST /api/v1/rollouts/{id}/promote': { reason: 'fuzz' },
    'POST /api/v1/rollouts/{id}/abort': { reason: 'fuzz' },
    'POST /api/v1/reviews/import': { jsonl: '{"prompt":"x"}' },
    'POST /api/v1/reviews/{pairId}/judgement': { choice: 'a' },
    'POST /api/v1/proxy/heartbeat': { proxyId: 'fuzz', name: 'fuzz', appliedVersion: 1 },
    'POST /api/v1/proxy/usage': { events: [makeEvent({ bucket: 'bulk', servedModel: 'openai/gpt-4o' })] },
    'POST /api/v1/proxy/review-pairs': { pairs: [] },
  };
}

/** One thing wrong with a valid object: a field replaced, removed or added, or a nested field replaced. */
export function mutate(sample: unknown): fc.Arbitrary<unknown> {
  if (typeof sample !== 'object' || sample === null || Array.isArray(sample)) return fc.jsonValue({ maxDepth: 3 });
  const obj = sample as Record<string, unknown>;
  const keys = Object.keys(obj);
  const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('', ' ', -1, 0, 2 ** 31, 2 ** 53, 1e12, 1e308, '1e400', 'NaN', null, [], {}, '../../etc/passwd', "'; DROP TABLE users; --", '\u0000', 'x'.repeat(5000)));
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), value).map(([k, v]) => ({ ...obj, [k]: v })),
    fc.constantFrom(...keys).map((k) => {
      const { [k]: _drop, ...rest } = obj;
      return rest;
    }),
    fc.tuple(fc.string({ maxLength: 12 }), value).map(([k, v]) => ({ ...obj, [k]: v })),
    fc.constantFrom(...keys).chain((k) => mutate(obj[k]).map((v) => ({ ...obj, [k]: v }))),
  );
}

/** A request body as sent: mutated sample, random JSON, or text that is not JSON. */
export function bodyFor(sample: unknown | undefined): fc.Arbitrary<string> {
  const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v));
  const broken = fc.tuple(json, fc.nat()).map(([s, cut]) => s.slice(0, cut % (s.length + 1)));
  if (sample === undefined) return fc.oneof(json, broken, fc.string({ maxLength: 50 }));
  return fc.oneof({ weight: 6, arbitrary: mutate(sample).map((v) => JSON.stringify(v)) }, { weight: 2, arbitrary: json }, { weight: 1, arbitrary: broken });
}

/** A path parameter: an id that exists, one that does not, or nonsense (URL-encoded). */
export function paramValue(known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...known),
    fc.uuid(),
    fc.constantFrom('0', '-1', '1', '2', '2147483648', '999999999999', '1e3', '1.5', 'null', 'undefined', '%00', '..', 'draft:1', "1' OR '1'='1"),
    fc.string({ maxLength: 40 }),
  ).map((v) => (v.startsWith('%') ? v : encodeURIComponent(v)));
}

/** A query string of random parameters (names the API reads and others), values random or hostile. */
export function queryString(): fc.Arbitrary<string> {
  const name = fc.constantFrom('from', 'to', 'groupBy', 'granularity', 'bucket', 'model', 'team', 'kind', 'limit', 'before', 'wait', 'version', 'x');
  const value = fc.oneof(
    fc.constantFrom('2026-01-01', '2026-13-45', '9999-12-31', '0000-01-01', 'day', 'week', 'month', 'year', 'bucket', 'team', 'model', "team; DROP TABLE spend_daily", '-1', '1e9', '2147483648', '99999999999', 'draft:00000000-0000-0000-0000-000000000000', '', 'null'),
    fc.string({ maxLength: 30 }),
  );
  return fc.array(fc.tuple(name, value), { maxLength: 6 }).map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs).toString()}` : ''));
}

/**
 * A fingerprint of every table's content: a rejected input must leave it unchanged.
 * (Derived spend tables are left out: background rollups may legitimately rewrite them;
 * so is login_failures: a refused login is recorded on purpose, for the shared login limit.)
 */
export async function stateFingerprint(cp: ControlPlaneHarness): Promise<Record<string, string>> {
  const ds = cp.running.infra.database.dataSource;
  const tables = (await ds.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname NOT IN ('spend_daily', 'spend_daily_dim', 'migrations', 'login_failures')
      ORDER BY 1`,
  )) as Array<{ name: string }>;
  const sql = tables.map((t) => `SELECT '${t.name}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS f FROM "${t.name}" x`).join(' UNION ALL ');
  const rows = (await ds.query(sql)) as Array<{ t: string; f: string }>;
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

/** The tables whose fingerprint differs. */
export function changedTables(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]);
}
