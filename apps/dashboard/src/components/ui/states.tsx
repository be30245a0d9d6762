import { isApiError } from '@switchyard/api-client';
import type { ReactNode } from 'react';
import { Button } from './Button';

export function LoadingState({ label = 'Loading…', height = 160 }: { label?: string; height?: number }) {
  return (
    <div className="state" role="status" aria-live="polite" style={{ minHeight: height }}>
      <div className="skeleton" style={{ width: '100%', height: Math.max(24, height - 48) }} aria-hidden="true" />
      <span className="sr-only">{label}</span>
    </div>
  );
}

export function EmptyState({ children, height = 160 }: { children: ReactNode; height?: number }) {
  return (
    <div className="state" style={{ minHeight: height }}>
      {children}
    </div>
  );
}

/** What went wrong, in words a user can act on, and a retry. */
export function ErrorState({ error, onRetry, height = 160 }: { error: unknown; onRetry?: () => void; height?: number }) {
  return (
    <div className="state state-error" role="alert" style={{ minHeight: height }}>
      <strong>{errorTitle(error)}</strong>
      <span className="muted">{errorMessage(error)}</span>
      {onRetry && (
        <Button size="sm" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}

export function errorTitle(error: unknown): string {
  if (!isApiError(error)) return 'Something went wrong';
  if (error.isNetworkError) return 'The control plane is unreachable';
  if (error.isForbidden) return 'Not allowed for your role';
  if (error.isNotFound) return 'Not found';
  if (error.status >= 500) return 'The control plane hit an error';
  return 'Request refused';
}

export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.isForbidden) return 'Ask an admin if you need access to this.';
    if (error.status >= 500) return `${error.message}. Try again in a moment.`;
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

interface QueryLike<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** Loading / error-with-retry / empty / content for one query. */
export function QueryView<T>({ query, isEmpty, empty, children, height }: {
  query: QueryLike<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
  height?: number;
}) {
  if (query.isPending) return <LoadingState height={height} />;
  if (query.isError || query.data === undefined) return <ErrorState error={query.error} onRetry={() => void query.refetch()} height={height} />;
  if (isEmpty?.(query.data)) return <EmptyState height={height}>{empty ?? 'Nothing here yet.'}</EmptyState>;
  return <>{children(query.data)}</>;
}
