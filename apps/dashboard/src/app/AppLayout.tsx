import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { can } from '../lib/permissions';
import { LoadingState } from '../components/ui/states';
import { useAuth } from './auth/auth-context';
import { NAV_ITEMS } from './nav-items';
import { RouteErrorBoundary } from './RouteErrorBoundary';

export function AppLayout() {
  const { user, logout } = useAuth();
  const items = NAV_ITEMS.filter((item) => can(user?.role, item.permission));
  return (
    <div className="app-shell">
      <nav className="app-nav" aria-label="Main">
        <div className="app-brand">
          <span className="app-brand-mark" aria-hidden="true">⇄</span>
          Switchyard
        </div>
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to}>{item.label}</NavLink>
            </li>
          ))}
        </ul>
        <div className="app-nav-footer">
          <div className="who" title={user?.email}>{user?.email}</div>
          <div className="faint">{user?.role}</div>
          <button type="button" onClick={logout}>
            Sign out
          </button>
        </div>
      </nav>
      <main className="app-main">
        <RouteErrorBoundary>
          <Suspense fallback={<LoadingState label="Loading page…" height={320} />}>
            <Outlet />
          </Suspense>
        </RouteErrorBoundary>
      </main>
    </div>
  );
}
