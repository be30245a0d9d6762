import type { Bucket, MatchRule, PolicyContent } from '@switchyard/contracts';

/**
 * `model` values that ask the proxy to choose: no model at all, or one of these. A
 * request with a generic alias is routed by the key's default bucket, the match rules
 * and the default bucket, like a request without a model.
 */
export const GENERIC_MODEL_ALIASES: ReadonlySet<string> = new Set(['auto', 'default', 'switchyard', 'switchyard/auto']);

export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

export interface BucketRequest {
  /** Value of the `x-switchyard-bucket` request header. */
  headerBucket?: string | null;
  /** The request's `model` field. */
  model?: string | null;
  /** Default bucket of the API key that sent the request. */
  keyDefaultBucket?: string | null;
  /** Team of the API key. */
  team?: string | null;
  /** Request headers with lower-case names (as node:http gives them). */
  headers: RequestHeaders;
  /** The request's `user` field. */
  user?: string | null;
}

/** Which step of the resolution order decided. */
export type ResolvedVia = 'header' | 'model' | 'key' | 'rule' | 'default';

export type BucketResolution =
  /** Route by the bucket's weighted targets and fallbacks. */
  | { kind: 'bucket'; bucket: Bucket; via: ResolvedVia }
  /**
   * Serve exactly the catalog model the client named (no other model is substituted).
   * `bucket` is the bucket the request is accounted to and whose limits and cache
   * settings apply: the key's default bucket, else the first bucket whose rules
   * match, else the default bucket (`via` says which).
   */
  | { kind: 'model'; modelId: string; bucket: Bucket; via: Exclude<ResolvedVia, 'header' | 'model'> }
  /** Nothing serves this request: 404 at the proxy. `param` is the field to blame. */
  | { kind: 'unknown'; reason: string; param: 'model' | 'x-switchyard-bucket' };

/**
 * Resolves a request to a bucket, in DESIGN.md's order:
 * 1. the `x-switchyard-bucket` header (an unknown name is an error, never ignored);
 * 2. a `model` equal to a bucket name;
 * 3. a `model` naming a catalog model of the policy → that model, as asked;
 * 4. the API key's default bucket (ignored if the policy no longer has it);
 * 5. the first bucket (policy order) with a matching rule;
 * 6. the default bucket.
 * Steps 4–6 apply to requests without a model or with a generic alias. Any other
 * `model` the proxy does not know is routed only when a match rule names it
 * explicitly (`match: [{model: "gpt-4"}]`, the way to alias legacy model names);
 * otherwise it is "model not found", as OpenAI answers.
 */
export function resolveBucket(req: BucketRequest, policy: PolicyContent, catalogIds: ReadonlySet<string>): BucketResolution {
  const byName = (name: string | null | undefined) => (name ? policy.buckets.find((b) => b.name === name) : undefined);

  if (req.headerBucket != null && req.headerBucket !== '') {
    const b = byName(req.headerBucket);
    if (b) return { kind: 'bucket', bucket: b, via: 'header' };
    return { kind: 'unknown', reason: `The bucket '${req.headerBucket}' does not exist in the live policy.`, param: 'x-switchyard-bucket' };
  }

  const model = req.model ?? '';
  if (model !== '') {
    const b = byName(model);
    if (b) return { kind: 'bucket', bucket: b, via: 'model' };
  }

  const isAlias = model === '' || GENERIC_MODEL_ALIASES.has(model);
  const isCatalogModel = model !== '' && catalogIds.has(model);

  if (!isAlias && !isCatalogModel) {
    // Only a rule that names this exact model may route it: anything else is a typo or a model we do not serve.
    const ruled = firstMatchingBucket(req, policy, model, true);
    if (ruled) return { kind: 'bucket', bucket: ruled, via: 'rule' };
    return { kind: 'unknown', reason: `The model '${model}' does not exist or you do not have access to it.`, param: 'model' };
  }

  let bucket: Bucket | undefined;
  let via: 'key' | 'rule' | 'default' = 'key';
  bucket = byName(req.keyDefaultBucket);
  if (!bucket) {
    bucket = firstMatchingBucket(req, policy, isCatalogModel ? null : model, false);
    via = 'rule';
  }
  if (!bucket) {
    bucket = byName(policy.defaultBucket);
    via = 'default';
  }
  if (!bucket) {
    // Validation guarantees the default bucket exists; guard anyway rather than crash.
    return { kind: 'unknown', reason: `The policy's default bucket '${policy.defaultBucket}' does not exist.`, param: 'model' };
  }
  return isCatalogModel ? { kind: 'model', modelId: model, bucket, via } : { kind: 'bucket', bucket, via };
}

/**
 * First bucket, in policy order, with a rule whose every condition holds. `model` is
 * the client's model when it named neither a bucket nor a catalog model (rules with a
 * `model` condition only ever match such a request); `requireModelRule` restricts the
 * search to rules that name that model.
 */
function firstMatchingBucket(req: BucketRequest, policy: PolicyContent, model: string | null, requireModelRule: boolean): Bucket | undefined {
  for (const b of policy.buckets) {
    for (const rule of b.match) {
      if (requireModelRule && rule.model === undefined) continue;
      if (ruleMatches(rule, req, model)) return b;
    }
  }
  return undefined;
}

export function ruleMatches(rule: MatchRule, req: BucketRequest, model: string | null): boolean {
  if (rule.team !== undefined && rule.team !== req.team) return false;
  if (rule.model !== undefined && rule.model !== model) return false;
  if (rule.userPrefix !== undefined && !(req.user ?? '').startsWith(rule.userPrefix)) return false;
  if (rule.header !== undefined) {
    const raw = req.headers[rule.header.name.toLowerCase()];
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (value !== rule.header.value) return false;
  }
  return true;
}
