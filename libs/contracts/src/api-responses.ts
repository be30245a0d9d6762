import type { Role } from './auth';
import type { PolicyDraft } from './policy';
import type { PerformancePoint } from './spend';
import type { ValidationIssue } from './validation-issue';

/**
 * Response shapes of docs/api.md that had no named type yet, so that the control
 * plane, the dashboard and the CLI share them instead of copying them.
 */

/** `GET /auth/me`. */
export interface CurrentUser {
  id: string;
  email: string;
  role: Role;
}

/** `GET /health`. */
export interface HealthResponse {
  status: string;
  database: string;
  queue: string;
  version: string;
}

/** One row of `GET /audit`. */
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: unknown;
}

/** `POST /policies/drafts/:id/validate`, and the `validation` part of a saved draft. */
export interface DraftValidation {
  ok: boolean;
  issues: ValidationIssue[];
}

/** `PUT /policies/drafts/:id`: the draft is saved even when invalid. */
export type SavedPolicyDraft = PolicyDraft & { validation: DraftValidation };

/** `GET /performance`. */
export interface PerformanceResponse {
  series: PerformancePoint[];
}

/** `POST /admin/rollups/recompute`. */
export interface RecomputeRollupsRequest {
  from: string;
  to: string;
}
export interface RecomputeRollupsResponse {
  jobId: string;
  days: number;
}

/** Body of every error response (`issues` only on 400s about input). */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  issues?: ValidationIssue[];
}
