import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../../components/ui/states';
import { useAuth } from './auth-context';

/** Sends anonymous visitors to the login page and brings them back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  if (auth.status === 'anonymous') {
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  if (auth.status === 'loading') return <LoadingState label="Checking your session…" height={320} />;
  if (auth.status === 'error') return <ErrorState error={auth.error} onRetry={auth.retry} height={320} />;
  return <>{children}</>;
}
