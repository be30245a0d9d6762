import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { readSpendView, writeSpendView, type SpendView } from '../lib/spend-range';

/** The spend view lives in the URL; changing it pushes a history entry so Back works. */
export function useSpendView(): [SpendView, (patch: Partial<Pick<SpendView, 'range' | 'from' | 'to' | 'groupBy'>>) => void] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readSpendView(params), [params]);
  const update = useCallback(
    (patch: Partial<Pick<SpendView, 'range' | 'from' | 'to' | 'groupBy'>>) => setParams(writeSpendView({ ...view, ...patch })),
    [setParams, view],
  );
  return [view, update];
}
