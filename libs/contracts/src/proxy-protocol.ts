/** Headers the proxy sets on every response (DESIGN.md). */
export const SWITCHYARD_HEADERS = {
  bucket: 'x-switchyard-bucket',
  model: 'x-switchyard-model',
  cache: 'x-switchyard-cache',
  costUsd: 'x-switchyard-cost-usd',
  policyVersion: 'x-switchyard-policy-version',
  /** Request headers the proxy reads. */
  requestBucket: 'x-switchyard-bucket',
  affinity: 'x-switchyard-affinity',
  cacheControl: 'x-switchyard-cache',
} as const;

/** Error body in OpenAI's shape, as any OpenAI SDK expects it. */
export interface OpenAIErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
  };
}

/** Server-sent event names on `GET /api/v1/proxy/policy/stream`. */
export const POLICY_STREAM_EVENTS = {
  /** data: a PolicySnapshot */
  policy: 'policy',
  /** data: a ProxyKeySet */
  keys: 'keys',
  /** data: the blocked teams, `{ revision, blockedTeams: [{ team, reason }] }` (as GET /proxy/limits) */
  limits: 'limits',
} as const;
