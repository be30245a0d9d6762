import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './AppLayout';
import { RequireAuth } from './auth/RequireAuth';
import { HomeRedirect } from './HomeRedirect';

// One chunk per page: Recharts and the policy validator load only with the pages that use them.
const LoginPage = lazy(() => import('../pages/LoginPage'));
const SpendPage = lazy(() => import('../pages/SpendPage'));
const RoutingPage = lazy(() => import('../pages/RoutingPage'));
const CatalogPage = lazy(() => import('../pages/CatalogPage'));
const FleetPage = lazy(() => import('../pages/FleetPage'));
const PerformancePage = lazy(() => import('../pages/PerformancePage'));
const KeysPage = lazy(() => import('../pages/KeysPage'));
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
      { path: 'spend', element: <SpendPage /> },
      { path: 'routing', element: <RoutingPage /> },
      { path: 'catalog', element: <CatalogPage /> },
      { path: 'fleet', element: <FleetPage /> },
      { path: 'performance', element: <PerformancePage /> },
      { path: 'keys', element: <KeysPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
