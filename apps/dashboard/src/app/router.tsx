import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './AppLayout';
import { RequireAuth } from './auth/RequireAuth';
import { RequirePermission } from './auth/RequirePermission';
import { HomeRedirect } from './HomeRedirect';

// One chunk per page: Recharts and the policy validator load only with the pages that use them.
const LoginPage = lazy(() => import('../pages/LoginPage'));
const SpendPage = lazy(() => import('../pages/SpendPage'));
const RoutingPage = lazy(() => import('../pages/RoutingPage'));
const CatalogPage = lazy(() => import('../pages/CatalogPage'));
const FleetPage = lazy(() => import('../pages/FleetPage'));
const PerformancePage = lazy(() => import('../pages/PerformancePage'));
const KeysPage = lazy(() => import('../pages/KeysPage'));
const ReviewPage = lazy(() => import('../pages/ReviewPage'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'spend', element: <RequirePermission permission="spend:read"><SpendPage /></RequirePermission> },
      { path: 'routing', element: <RequirePermission permission="policies:read"><RoutingPage /></RequirePermission> },
      { path: 'catalog', element: <RequirePermission permission="catalog:read"><CatalogPage /></RequirePermission> },
      { path: 'fleet', element: <RequirePermission permission="fleet:read"><FleetPage /></RequirePermission> },
      { path: 'performance', element: <RequirePermission permission="performance:read"><PerformancePage /></RequirePermission> },
      { path: 'keys', element: <RequirePermission permission="budgets:read"><KeysPage /></RequirePermission> },
      { path: 'review', element: <RequirePermission permission="reviews:read"><ReviewPage /></RequirePermission> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
