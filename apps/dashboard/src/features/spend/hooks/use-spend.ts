import type { SpendQueryInput } from '@switchyard/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/api-context';
import { queryKeys } from '../../../app/query-keys';

export function useSpend(query: SpendQueryInput) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.spend(query),
    queryFn: () => api.spend.get(query),
    // Switching range keeps the old chart on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });
}

export function useSpendSummary() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.spendSummary, queryFn: () => api.spend.summary() });
}
