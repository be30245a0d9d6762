import type { PerformanceQueryInput } from '@switchyard/api-client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/api-context';
import { queryKeys } from '../../../app/query-keys';

export function usePerformance(query: PerformanceQueryInput) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.performance(query), queryFn: () => api.performance(query), placeholderData: keepPreviousData });
}
