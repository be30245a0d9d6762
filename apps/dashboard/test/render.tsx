import type { ApiClient } from '@switchyard/api-client';
import type { CurrentUser, Role } from '@switchyard/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation, type Location } from 'react-router';
import { ApiProvider } from '../src/app/api-context';
import { AuthContext, type Auth } from '../src/app/auth/auth-context';
import { createFakeApi } from './fake-api';

export interface RenderOptions {
  api?: ApiClient;
  /** Signed in with this role (default admin); null = signed out. */
  role?: Role | null;
  /** Starting URL, e.g. "/routing?draft=d1". */
  url?: string;
  auth?: Partial<Auth>;
}

export function testUser(role: Role): CurrentUser {
  return { id: `u-${role}`, email: `${role}@example.com`, role };
}

/** Renders a component with the app's providers: fake API, a signed-in user, a memory router. */
/**
 * A plain MemoryRouter (not a data router): jsdom has no fetch Request, which data
 * routers build on every navigation. `location()` reads where the app navigated to.
 */
export function renderWithApp(ui: ReactElement, options: RenderOptions = {}): RenderResult & { api: ApiClient; location: () => Location } {
  const api = options.api ?? createFakeApi();
  const role = options.role === undefined ? 'admin' : options.role;
  const auth: Auth = {
    status: role ? 'authenticated' : 'anonymous',
    user: role ? testUser(role) : null,
    error: null,
    login: jest.fn(),
    logout: jest.fn(),
    retry: jest.fn(),
    ...options.auth,
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
  const seen: { current: Location | null } = { current: null };
  function LocationProbe() {
    seen.current = useLocation();
    return null;
  }
  const result = render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider client={api}>
        <AuthContext.Provider value={auth}>
          <MemoryRouter initialEntries={[options.url ?? '/']}>
            <LocationProbe />
            <Routes>
              <Route path="*" element={ui} />
            </Routes>
          </MemoryRouter>
        </AuthContext.Provider>
      </ApiProvider>
    </QueryClientProvider>,
  );
  return {
    ...result,
    api,
    location: () => {
      if (!seen.current) throw new Error('the router has not rendered');
      return seen.current;
    },
  };
}
