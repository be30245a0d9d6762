import type { PolicyRef, UpdateDraftBody } from '@switchyard/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../app/api-context';
import { queryKeys } from '../../../app/query-keys';

export function useLivePolicy() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.livePolicy, queryFn: () => api.policies.live() });
}

export function useVersions() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.versions, queryFn: () => api.policies.versions() });
}

export function useDrafts(enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.drafts, queryFn: () => api.policies.drafts(), enabled });
}

export function useDraft(id: string) {
  const api = useApi();
  // The editor keeps its own copy once loaded; refetching underneath it would fight the user.
  return useQuery({ queryKey: queryKeys.draft(id), queryFn: () => api.policies.draft(id), staleTime: Infinity, refetchOnWindowFocus: false });
}

export function useDiff(from: PolicyRef | null, to: PolicyRef | null, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.diff(from ?? '', to ?? ''),
    queryFn: () => api.policies.diff(from as PolicyRef, to as PolicyRef),
    enabled: enabled && from !== null && to !== null,
    staleTime: 0,
  });
}

export function useCreateDraft() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name?: string) => api.policies.createDraft(name ? { name } : {}),
    onSuccess: (draft) => {
      qc.setQueryData(queryKeys.draft(draft.id), draft);
      void qc.invalidateQueries({ queryKey: queryKeys.drafts });
    },
  });
}

export function useSaveDraft(id: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateDraftBody) => api.policies.saveDraft(id, body),
    onSuccess: (saved) => {
      const { validation: _validation, ...draft } = saved;
      qc.setQueryData(queryKeys.draft(id), draft);
      void qc.invalidateQueries({ queryKey: queryKeys.drafts });
    },
  });
}

export function usePublishDraft(id: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (message: string) => api.policies.publishDraft(id, { message }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.policiesAll }),
  });
}

/** Publishes the draft as a staged rollout to `canaryPercent` % of the proxies instead of to everyone. */
export function usePublishAsRollout(id: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ message, canaryPercent }: { message: string; canaryPercent: number }) => api.rollouts.create({ draftId: id, canaryPercent, message }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.policiesAll });
      void qc.invalidateQueries({ queryKey: queryKeys.rolloutsAll });
    },
  });
}

export function useDeleteDraft() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.policies.deleteDraft(id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.drafts }),
  });
}

export function useRollback() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.policies.rollback(version, { message: `Roll back to version ${version}` }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.policiesAll }),
  });
}
