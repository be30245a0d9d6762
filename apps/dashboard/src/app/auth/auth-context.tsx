import type { CurrentUser, LoginRequest, Role } from '@switchyard/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { can, type Permission } from '../../lib/permissions';
import { useApi } from '../api-context';
import { queryKeys } from '../query-keys';
import type { TokenStore } from './token-store';

export interface Auth {
  status: 'anonymous' | 'loading' | 'authenticated' | 'error';
  user: CurrentUser | null;
  error: unknown;
  login(body: LoginRequest): Promise<CurrentUser>;
  logout(): void;
  retry(): void;
}

export const AuthContext = createContext<Auth | null>(null);

/** Holds the session: the token (in the store) and who it belongs to (`GET /auth/me`). */
export function AuthProvider({ tokens, children }: { tokens: TokenStore; children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const token = useSyncExternalStore(tokens.subscribe, tokens.get, tokens.get);
  // Signed out (by the button or by an expired token): nothing the previous user saw stays cached.
  useEffect(() => {
    if (!token) queryClient.clear();
  }, [token, queryClient]);
  const me = useQuery({ queryKey: [...queryKeys.me, token], queryFn: () => api.auth.me(), enabled: !!token, staleTime: 5 * 60_000 });

  const login = useCallback(
    async (body: LoginRequest) => {
      const res = await api.auth.login(body);
      queryClient.setQueryData([...queryKeys.me, res.token], res.user);
      tokens.set(res.token);
      return res.user;
    },
    [api, queryClient, tokens],
  );
  const logout = useCallback(() => tokens.clear(), [tokens]);

  const value = useMemo<Auth>(() => {
    const status: Auth['status'] = !token ? 'anonymous' : me.data ? 'authenticated' : me.isError ? 'error' : 'loading';
    return { status, user: token ? (me.data ?? null) : null, error: me.error, login, logout, retry: () => void me.refetch() };
  }, [token, me.data, me.isError, me.error, me.refetch, login, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>');
  return auth;
}

export function useRole(): Role | null {
  return useAuth().user?.role ?? null;
}

/** Whether the signed-in user may do something; controls they may not use are not rendered. */
export function useCan(permission: Permission): boolean {
  return can(useRole(), permission);
}
