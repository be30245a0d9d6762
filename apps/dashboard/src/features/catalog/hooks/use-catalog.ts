import type { CreateModelRequest, CreateProviderRequest, UpdateModelRequest } from '@switchyard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../app/api-context';
import { queryKeys } from '../../../app/query-keys';

export function useModels() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.models, queryFn: () => api.models.list() });
}

export function useProviders() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.providers, queryFn: () => api.providers.list() });
}

export function useCreateProvider() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProviderRequest) => api.providers.create(body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.providers }),
  });
}

export function useCreateModel() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateModelRequest) => api.models.create(body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.models }),
  });
}

export function useUpdateModel() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateModelRequest }) => api.models.update(id, body),
    onSuccess: (model) => {
      qc.setQueryData(queryKeys.models, (list: unknown) =>
        Array.isArray(list) ? list.map((m: { id: string }) => (m.id === model.id ? model : m)) : list,
      );
      void qc.invalidateQueries({ queryKey: queryKeys.models });
    },
  });
}
