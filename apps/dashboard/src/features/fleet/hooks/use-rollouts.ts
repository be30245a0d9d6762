import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../app/api-context';
import { queryKeys } from '../../../app/query-keys';
import { FLEET_REFRESH_MS } from './use-fleet';

/** Every rollout, newest first; follows the fleet's refresh (an automatic abort can land any time). */
export function useRollouts() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.rollouts, queryFn: () => api.rollouts.list(), refetchInterval: FLEET_REFRESH_MS, staleTime: 0 });
}

/** Metrics, verdict and cohorts of one rollout; refreshed only while it runs. */
export function useRollout(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.rollout(id ?? ''),
    queryFn: () => api.rollouts.get(id!),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data?.state === 'active' ? FLEET_REFRESH_MS : false),
    staleTime: 0,
  });
}

/** Promote or abort: either changes what every proxy is assigned, so the fleet is re-read too. */
export function useEndRollout(action: 'promote' | 'abort') {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) => (action === 'promote' ? api.rollouts.promote(id, reason) : api.rollouts.abort(id, reason)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.rolloutsAll });
      void qc.invalidateQueries({ queryKey: queryKeys.fleet });
      void qc.invalidateQueries({ queryKey: queryKeys.policiesAll });
    },
  });
}
