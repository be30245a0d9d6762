import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/api-context';
import { queryKeys } from '../../../app/query-keys';

/** Heartbeats arrive every few seconds; the page follows them without a reload. */
export const FLEET_REFRESH_MS = 5_000;

export function useFleet() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.fleet, queryFn: () => api.fleet(), refetchInterval: FLEET_REFRESH_MS, staleTime: 0 });
}
