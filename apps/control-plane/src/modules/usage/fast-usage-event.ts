import { INT4_MAX, type UsageEvent } from '@switchyard/contracts';

/**
 * A hand-written check of the `usageEvent` contract for the ingest hot path: zod costs
 * ~10 µs per event, this well under 1 µs, and a batch holds 5,000. It is deliberately
 * narrower than the schema — it accepts only what the schema accepts (a property test
 * holds it to that) and only the shapes proxies send (a canonical `toISOString()`
 * time, for one). Anything it does not accept goes through zod, which then accepts it
 * or says exactly what is wrong: the schema stays the only judge of errors.
 */
const KEYS = new Set([
  'id', 'ts', 'proxyId', 'policyVersion', 'kind', 'endpoint', 'bucket', 'requestedModel', 'servedModel', 'apiKeyId', 'team', 'stream',
  'promptTokens', 'completionTokens', 'cachedTokens', 'usageEstimated', 'cache', 'costUsd', 'baselineCostUsd', 'cacheSavedUsd',
  'ttftMs', 'totalMs', 'status', 'errorType', 'attempts',
]);
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;
const CANONICAL_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const USD = /^\d{1,12}(\.\d{1,12})?$/;
const MAX_MS = 86_400_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A canonical `toISOString()` time (`YYYY-MM-DDTHH:MM:SS.mmmZ`) that names a real
 * instant: calendar day and clock checked by numbers, no Date allocated (Date.parse
 * would roll Feb 30 over to March).
 */
export function isCanonicalTs(ts: string): boolean {
  if (!CANONICAL_TS.test(ts)) return false;
  const year = +ts.slice(0, 4);
  const month = +ts.slice(5, 7);
  const day = +ts.slice(8, 10);
  if (month < 1 || month > 12 || day < 1 || +ts.slice(11, 13) > 23 || +ts.slice(14, 16) > 59 || +ts.slice(17, 19) > 59) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}

const str = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && v.length >= min && v.length <= max;
const int = (v: unknown, min: number, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const ms = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_MS;

/** The event as the schema would output it, or null when the fast check cannot vouch for it. */
export function fastUsageEvent(raw: unknown): UsageEvent | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const e = raw as Record<string, unknown>;
  let n = 0;
  for (const k in e) {
    if (!KEYS.has(k)) return null;
    n++;
  }
  const kind = e.kind === undefined ? 'production' : e.kind;
  if (n !== KEYS.size - (e.kind === undefined ? 1 : 0)) return null;
  if (
    !(typeof e.id === 'string' && UUID.test(e.id)) ||
    !(typeof e.ts === 'string' && isCanonicalTs(e.ts)) ||
    !str(e.proxyId, 1, 128) ||
    !int(e.policyVersion, 0, INT4_MAX) ||
    !(kind === 'production' || kind === 'evaluation') ||
    !(e.endpoint === 'chat.completions' || e.endpoint === 'embeddings') ||
    !str(e.bucket, 1, 64) ||
    !str(e.requestedModel, 0, 200) ||
    !(e.servedModel === null || str(e.servedModel, 0, 200)) ||
    !(e.apiKeyId === null || str(e.apiKeyId, 0, 64)) ||
    !str(e.team, 0, 128) ||
    typeof e.stream !== 'boolean' ||
    !int(e.promptTokens, 0, INT4_MAX) ||
    !int(e.completionTokens, 0, INT4_MAX) ||
    !int(e.cachedTokens, 0, INT4_MAX) ||
    typeof e.usageEstimated !== 'boolean' ||
    !(e.cache === 'miss' || e.cache === 'exact' || e.cache === 'semantic' || e.cache === 'bypass') ||
    !(typeof e.costUsd === 'string' && USD.test(e.costUsd)) ||
    !(typeof e.baselineCostUsd === 'string' && USD.test(e.baselineCostUsd)) ||
    !(typeof e.cacheSavedUsd === 'string' && USD.test(e.cacheSavedUsd)) ||
    !(e.ttftMs === null || ms(e.ttftMs)) ||
    !ms(e.totalMs) ||
    !int(e.status, 100, 599) ||
    !(e.errorType === null || str(e.errorType, 0, 128)) ||
    !int(e.attempts, 0, 100)
  ) {
    return null;
  }
  return (e.kind === undefined ? { ...e, kind } : e) as UsageEvent;
}
