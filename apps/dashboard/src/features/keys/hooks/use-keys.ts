import type { BudgetRequest, CreateApiKeyRequest } from '@switchyard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../app/api-context';
import { queryKeys } from '../../../app/query-keys';

export function useApiKeys(enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.keys, queryFn: () => api.keys.list(), enabled });
}

export function useCreateApiKey() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyRequest) => api.keys.create(body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.keys }),
  });
}

export function useRevokeApiKey() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.keys.revoke(id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.keys }),
  });
}

export function useBudgetStatus() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.budgetStatus, queryFn: () => api.budgets.status() });
}

export function useAlerts() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.alerts, queryFn: () => api.budgets.alerts() });
}

export function useUpsertBudget() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BudgetRequest) => api.budgets.upsert(body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.budgetsAll });
      void qc.invalidateQueries({ queryKey: queryKeys.spendSummary });
    },
  });
}

export function useDeleteBudget() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.budgets.remove(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.budgetsAll });
      void qc.invalidateQueries({ queryKey: queryKeys.spendSummary });
    },
  });
}
