import type { z } from 'zod';
import type {
  ApiKeySummary,
  AuditEntry,
  Budget,
  BudgetAlert,
  BudgetRequest,
  BudgetStatus,
  CatalogModel,
  CreateApiKeyRequest,
  CreatedApiKey,
  CreateModelRequest,
  CreateProviderRequest,
  CreateRolloutRequestInput,
  CreateUserRequest,
  CurrentUser,
  DiffEntry,
  DraftValidation,
  FleetResponse,
  HealthResponse,
  JudgementRequest,
  JudgementResponse,
  LoginRequest,
  LoginResponse,
  NextReviewResponse,
  PerformanceResponse,
  PolicyContentInput,
  PolicyDraft,
  PolicyVersionDetail,
  PolicyVersionSummary,
  Provider,
  RecomputeRollupsRequest,
  RecomputeRollupsResponse,
  ReviewImportResult,
  ReviewResultsQuery,
  ReviewResultsResponse,
  Rollout,
  RolloutDetail,
  SavedPolicyDraft,
  SpendQueryInput,
  SpendResponse,
  SpendSummary,
  UpdateModelRequest,
  UserSummary,
  WhatIfRequest,
  WhatIfResponse,
  createDraftRequest,
  performanceQuery,
  publishDraftRequest,
  rollbackRequest,
  updateDraftRequest,
} from '@switchyard/contracts';
import { ApiError } from './api-error';
import { createHttp, type ApiClientOptions } from './http';
import { queryString } from './query-string';

/** Drafts carry policy content; the contract types it loosely (`unknown`) because it is saved even when invalid. */
export type CreateDraftBody = Omit<z.input<typeof createDraftRequest>, 'content'> & { content?: PolicyContentInput };
export type UpdateDraftBody = Omit<z.input<typeof updateDraftRequest>, 'content'> & { content: PolicyContentInput };
export type PublishDraftBody = z.input<typeof publishDraftRequest>;
export type RollbackBody = z.input<typeof rollbackRequest>;
export type PerformanceQueryInput = z.input<typeof performanceQuery>;
export interface AuditQuery {
  limit?: number;
  before?: string;
}
/** A published version number, or `draft:<id>` for a saved draft. */
export type PolicyRef = number | `draft:${string}`;

/** Typed calls for every route of docs/api.md that people (not proxies) use. */
export interface ApiClient {
  auth: {
    login(body: LoginRequest): Promise<LoginResponse>;
    me(): Promise<CurrentUser>;
  };
  health(): Promise<HealthResponse>;
  users: {
    list(): Promise<UserSummary[]>;
    create(body: CreateUserRequest): Promise<UserSummary>;
  };
  providers: {
    list(): Promise<Provider[]>;
    create(body: CreateProviderRequest): Promise<Provider>;
  };
  models: {
    list(): Promise<CatalogModel[]>;
    create(body: CreateModelRequest): Promise<CatalogModel>;
    update(id: string, body: UpdateModelRequest): Promise<CatalogModel>;
  };
  policies: {
    /** The live version, or null before the first publish. */
    live(): Promise<PolicyVersionDetail | null>;
    versions(): Promise<PolicyVersionSummary[]>;
    version(version: number): Promise<PolicyVersionDetail>;
    diff(from: PolicyRef, to: PolicyRef): Promise<DiffEntry[]>;
    drafts(): Promise<PolicyDraft[]>;
    createDraft(body?: CreateDraftBody): Promise<PolicyDraft>;
    draft(id: string): Promise<PolicyDraft>;
    saveDraft(id: string, body: UpdateDraftBody): Promise<SavedPolicyDraft>;
    validateDraft(id: string): Promise<DraftValidation>;
    publishDraft(id: string, body: PublishDraftBody): Promise<PolicyVersionDetail>;
    deleteDraft(id: string): Promise<void>;
    rollback(version: number, body?: RollbackBody): Promise<PolicyVersionDetail>;
  };
  keys: {
    list(): Promise<ApiKeySummary[]>;
    create(body: CreateApiKeyRequest): Promise<CreatedApiKey>;
    revoke(id: string): Promise<void>;
  };
  fleet(): Promise<FleetResponse>;
  /** Staged rollouts (issue 7): admins start, promote and abort; finance and viewers read. */
  rollouts: {
    /** Every rollout, newest first. */
    list(): Promise<Rollout[]>;
    /** State, cohort metrics, verdict, every proxy's assignment and the version skew. */
    get(id: string): Promise<RolloutDetail>;
    /** Publishes a draft (or an earlier version's content) to a canary share of the proxies. */
    create(body: CreateRolloutRequestInput): Promise<RolloutDetail>;
    promote(id: string, reason?: string): Promise<Rollout>;
    /** Republishes the baseline's policy for everyone (`restoredVersion`). */
    abort(id: string, reason?: string): Promise<Rollout>;
  };
  audit(query?: AuditQuery): Promise<AuditEntry[]>;
  spend: {
    get(query: SpendQueryInput): Promise<SpendResponse>;
    summary(): Promise<SpendSummary>;
    /** The CSV of a spend view, fetched with the token (a plain link would carry none). */
    exportCsv(query: SpendQueryInput): Promise<string>;
    /** Address of the CSV export, for display and for clients that authenticate otherwise. */
    exportUrl(query: SpendQueryInput): string;
  };
  performance(query: PerformanceQueryInput): Promise<PerformanceResponse>;
  whatIf(body: WhatIfRequest): Promise<WhatIfResponse>;
  budgets: {
    list(): Promise<Budget[]>;
    upsert(body: BudgetRequest): Promise<Budget>;
    remove(id: string): Promise<void>;
    status(): Promise<BudgetStatus[]>;
    alerts(): Promise<BudgetAlert[]>;
  };
  admin: {
    recomputeRollups(body: RecomputeRollupsRequest): Promise<RecomputeRollupsResponse>;
  };
  /** Blind quality review (issue 9). */
  reviews: {
    /** One unjudged pair as unlabelled sides a/b, and the caller's progress (reviewer, admin). */
    next(): Promise<NextReviewResponse>;
    judge(pairId: string, body: JudgementRequest): Promise<JudgementResponse>;
    results(query?: ReviewResultsQuery): Promise<ReviewResultsResponse>;
    /** Uploads a JSONL file of offline pairs; every line is reported (admin). */
    importJsonl(text: string): Promise<ReviewImportResult>;
  };
}

const seg = (value: string | number) => encodeURIComponent(String(value));

export function createApiClient(options: ApiClientOptions): ApiClient {
  const http = createHttp(options);
  const get = <T>(path: string) => http.json<T>('GET', path);
  const post = <T>(path: string, body?: unknown) => http.json<T>('POST', path, body ?? {});
  const del = (path: string) => http.json<void>('DELETE', path);

  return {
    auth: {
      login: (body) => post('/auth/login', body),
      me: () => get('/auth/me'),
    },
    health: () => get('/health'),
    users: {
      list: () => get('/users'),
      create: (body) => post('/users', body),
    },
    providers: {
      list: () => get('/providers'),
      create: (body) => post('/providers', body),
    },
    models: {
      list: () => get('/models'),
      create: (body) => post('/models', body),
      // Model ids contain "/", so the id is one encoded path segment (openai%2Fgpt-4o).
      update: (id, body) => http.json('PATCH', `/models/${seg(id)}`, body),
    },
    policies: {
      live: async () => {
        try {
          return await get<PolicyVersionDetail>('/policies/live');
        } catch (error) {
          if (error instanceof ApiError && error.isNotFound) return null;
          throw error;
        }
      },
      versions: () => get('/policies/versions'),
      version: (version) => get(`/policies/versions/${seg(version)}`),
      diff: (from, to) => get(`/policies/diff${queryString({ from: String(from), to: String(to) })}`),
      drafts: () => get('/policies/drafts'),
      createDraft: (body) => post('/policies/drafts', body),
      draft: (id) => get(`/policies/drafts/${seg(id)}`),
      saveDraft: (id, body) => http.json('PUT', `/policies/drafts/${seg(id)}`, body),
      validateDraft: (id) => post(`/policies/drafts/${seg(id)}/validate`),
      publishDraft: (id, body) => post(`/policies/drafts/${seg(id)}/publish`, body),
      deleteDraft: (id) => del(`/policies/drafts/${seg(id)}`),
      rollback: (version, body) => post(`/policies/versions/${seg(version)}/rollback`, body),
    },
    keys: {
      list: () => get('/keys'),
      create: (body) => post('/keys', body),
      revoke: (id) => del(`/keys/${seg(id)}`),
    },
    fleet: () => get('/fleet'),
    rollouts: {
      list: () => get('/rollouts'),
      get: (id) => get(`/rollouts/${seg(id)}`),
      create: (body) => post('/rollouts', body),
      promote: (id, reason) => post(`/rollouts/${seg(id)}/promote`, reason === undefined ? {} : { reason }),
      abort: (id, reason) => post(`/rollouts/${seg(id)}/abort`, reason === undefined ? {} : { reason }),
    },
    audit: (query) => get(`/audit${queryString(query)}`),
    spend: {
      get: (query) => get(`/spend${queryString(query)}`),
      summary: () => get('/spend/summary'),
      exportCsv: (query) => http.text('GET', `/spend/export.csv${queryString(query)}`),
      exportUrl: (query) => http.url(`/spend/export.csv${queryString(query)}`),
    },
    performance: (query) => get(`/performance${queryString(query)}`),
    whatIf: (body) => post('/what-if', body),
    budgets: {
      list: () => get('/budgets'),
      upsert: (body) => post('/budgets', body),
      remove: (id) => del(`/budgets/${seg(id)}`),
      status: () => get('/budgets/status'),
      alerts: () => get('/alerts'),
    },
    admin: {
      recomputeRollups: (body) => post('/admin/rollups/recompute', body),
    },
    reviews: {
      next: () => get('/reviews/next'),
      judge: (pairId, body) => post(`/reviews/${seg(pairId)}/judgement`, body),
      results: (query) => get(`/reviews/results${queryString(query)}`),
      // The endpoint also takes the raw file (application/x-ndjson); JSON keeps this client to one body type.
      importJsonl: (text) => post('/reviews/import', { jsonl: text }),
    },
  };
}
