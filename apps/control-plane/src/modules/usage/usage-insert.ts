import type { UsageEvent } from '@switchyard/contracts';

/** A validated event with its canonical ts and UTC day. */
export type StoredRow = UsageEvent & { day: string };

type Column = readonly [name: string, type: string, value: (r: StoredRow) => string | number | boolean | null, quoted: boolean];

/** usage_events columns, their array types, and where each value comes from. */
const COLUMNS: readonly Column[] = [
  ['id', 'uuid', (r) => r.id, false],
  ['day', 'date', (r) => r.day, false],
  ['ts', 'timestamptz', (r) => r.ts, false],
  ['proxy_id', 'text', (r) => r.proxyId, true],
  ['policy_version', 'int4', (r) => r.policyVersion, false],
  ['kind', 'text', (r) => r.kind, true],
  ['endpoint', 'text', (r) => r.endpoint, true],
  ['bucket', 'text', (r) => r.bucket, true],
  ['requested_model', 'text', (r) => r.requestedModel, true],
  ['served_model', 'text', (r) => r.servedModel, true],
  ['api_key_id', 'text', (r) => r.apiKeyId, true],
  ['team', 'text', (r) => r.team, true],
  ['stream', 'bool', (r) => r.stream, false],
  ['prompt_tokens', 'int4', (r) => r.promptTokens, false],
  ['completion_tokens', 'int4', (r) => r.completionTokens, false],
  ['cached_tokens', 'int4', (r) => r.cachedTokens, false],
  ['usage_estimated', 'bool', (r) => r.usageEstimated, false],
  ['cache', 'text', (r) => r.cache, true],
  ['cost_usd', 'numeric', (r) => r.costUsd, false],
  ['baseline_cost_usd', 'numeric', (r) => r.baselineCostUsd, false],
  ['cache_saved_usd', 'numeric', (r) => r.cacheSavedUsd, false],
  ['ttft_ms', 'float8', (r) => r.ttftMs, false],
  ['total_ms', 'float8', (r) => r.totalMs, false],
  ['status', 'int2', (r) => r.status, false],
  ['error_type', 'text', (r) => r.errorType, true],
  ['attempts', 'int2', (r) => r.attempts, false],
];

/**
 * One INSERT for the whole batch: each column travels as one array parameter
 * (`unnest`), which Postgres parses in about half the time it takes for the same rows
 * as JSON; ON CONFLICT makes replays no-ops. Returns the stored count per day.
 */
export const INSERT_USAGE_SQL = `
WITH stored AS (
  INSERT INTO usage_events (${COLUMNS.map((c) => c[0]).join(', ')})
  SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${c[1]}[]`).join(', ')})
  ON CONFLICT (day, id) DO NOTHING
  RETURNING day
)
SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM stored GROUP BY day`;

/** The array parameters of INSERT_USAGE_SQL. */
export function insertParams(rows: readonly StoredRow[]): string[] {
  return COLUMNS.map(([, , value, quoted]) => arrayLiteral(rows, value, quoted));
}

/**
 * A Postgres array literal. Unquoted values are validated ids, days, timestamps,
 * numbers and decimal strings (none holds a comma, brace, quote, backslash or space);
 * text is always quoted, with `"` and `\` escaped, so any string (even "NULL") survives.
 */
export function arrayLiteral<T>(rows: readonly T[], value: (r: T) => string | number | boolean | null, quoted: boolean): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) out += ',';
    const v = value(rows[i]);
    if (v === null) out += 'NULL';
    else if (quoted) {
      const s = String(v);
      out += `"${s.includes('"') || s.includes('\\') ? s.replace(/["\\]/g, '\\$&') : s}"`;
    } else out += String(v);
  }
  return `${out}}`;
}
