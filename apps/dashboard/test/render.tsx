import type { ApiClient } from '@switchyard/api-client';
import type { CurrentUser, Role } from '@switchyard/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
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
export function renderWithApp(ui: ReactElement, options: RenderOptions = {}): RenderResult & { api: ApiClient; router: ReturnType<typeof createMemoryRouter> } {
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
  const router = createMemoryRouter([{ path: '*', element: ui }], { initialEntries: [options.url ?? '/'] });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider client={api}>
        <AuthContext.Provider value={auth}>
          <RouterProvider router={router} />
        </AuthContext.Provider>
      </ApiProvider>
    </QueryClientProvider>,
  );
  return { ...result, api, router };
}
