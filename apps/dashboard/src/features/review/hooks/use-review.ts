import type { ReviewChoice, ReviewResultsQuery } from '@switchyard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../app/api-context';

/** Query keys of the review feature (one place, so a judgement refreshes exactly these). */
export const reviewKeys = {
  all: ['reviews'] as const,
  next: ['reviews', 'next'] as const,
  results: (q: ReviewResultsQuery) => ['reviews', 'results', q] as const,
};

/** The pair to judge now. Not refetched on focus: the server keeps serving the same open pair anyway. */
export function useNextReview(enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: reviewKeys.next, queryFn: () => api.reviews.next(), enabled, refetchOnWindowFocus: false, staleTime: Infinity });
}

export function useJudge() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ pairId, choice, note }: { pairId: string; choice: ReviewChoice; note?: string }) =>
      api.reviews.judge(pairId, note ? { choice, note } : { choice }),
    // A 409 (judged already, e.g. in another tab) also means: move on to the next pair.
    onSettled: () => void qc.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}

export function useReviewResults(query: ReviewResultsQuery, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: reviewKeys.results(query), queryFn: () => api.reviews.results(query), enabled });
}

export function useImportPairs() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api.reviews.importJsonl(text),
    onSuccess: () => void qc.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}
