import type { ApiClient } from '@switchyard/api-client';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { RouterProvider } from 'react-router/dom';
import { LoadingState } from '../components/ui/states';
import { ApiProvider } from './api-context';
import { AuthProvider } from './auth/auth-context';
import type { TokenStore } from './auth/token-store';
import type { createRouter } from './router';

export function App({ api, queryClient, tokens, router }: {
  api: ApiClient;
  queryClient: QueryClient;
  tokens: TokenStore;
  router: ReturnType<typeof createRouter>;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <ApiProvider client={api}>
        <AuthProvider tokens={tokens}>
          <Suspense fallback={<LoadingState height={320} />}>
            <RouterProvider router={router} />
          </Suspense>
        </AuthProvider>
      </ApiProvider>
    </QueryClientProvider>
  );
}
