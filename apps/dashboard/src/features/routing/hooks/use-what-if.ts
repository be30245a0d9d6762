import { canonicalJson, type PolicyContentInput } from '@switchyard/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApi } from '../../../app/api-context';
import { queryKeys } from '../../../app/query-keys';
import { addDays, todayUtc } from '../../../lib/dates';
import { useDebouncedValue } from '../../../lib/use-debounced-value';

export const WHAT_IF_DEBOUNCE_MS = 400;
export const WHAT_IF_DAYS = 30;

/**
 * Projects the monthly cost of draft content over the last 30 days of real usage.
 * Waits until the content has been still for 400 ms, so dragging a slider sends one
 * request when the hand stops, not one per pixel.
 */
export function useWhatIf(content: PolicyContentInput, enabled: boolean) {
  const api = useApi();
  const settled = useDebouncedValue(content, WHAT_IF_DEBOUNCE_MS);
  const settledEnabled = useDebouncedValue(enabled, WHAT_IF_DEBOUNCE_MS);
  const to = todayUtc();
  const from = addDays(to, -(WHAT_IF_DAYS - 1));
  const key = useMemo(() => canonicalJson(settled), [settled]);
  const query = useQuery({
    queryKey: queryKeys.whatIf(`${from}:${to}:${key}`),
    queryFn: () => api.whatIf({ policy: settled, from, to }),
    enabled: enabled && settledEnabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  return { ...query, pending: settled !== content || settledEnabled !== enabled, from, to };
}
