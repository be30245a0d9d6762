import type { ApiErrorBody, ValidationIssue } from '@switchyard/contracts';

/**
 * Any failed call: an HTTP error from the control plane (status ≥ 400, with its
 * message and, for invalid input, every issue with its path) or a network failure
 * (status 0).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
    readonly issues: ValidationIssue[] = [],
    readonly body: unknown = undefined,
  ) {
    super(message);
  }

  get isUnauthorized(): boolean {
    return this.status === 401;
  }

  get isForbidden(): boolean {
    return this.status === 403;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Builds the error for a non-2xx response from its (possibly non-JSON) body text. */
export function errorFromResponse(status: number, statusText: string, text: string): ApiError {
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's HTML error page, say): keep the text as the body.
  }
  if (isErrorBody(body)) {
    const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    return new ApiError(status, message || statusText, Array.isArray(body.issues) ? body.issues : [], body);
  }
  return new ApiError(status, `${status} ${statusText || 'error'} from the control plane`, [], body);
}

function isErrorBody(v: unknown): v is ApiErrorBody & { message: string | string[] } {
  return typeof v === 'object' && v !== null && 'message' in v;
}
