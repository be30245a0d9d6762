import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { ChartSizeProvider } from './chart-size';

export interface ChartCardProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Height of the plot (the legend goes below it). */
  height?: number;
  loading: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** True when the data arrived but has nothing to draw. */
  empty?: boolean;
  emptyMessage?: ReactNode;
  children: ReactNode;
}

/**
 * Every chart sits in one of these: the card owns the loading, empty and
 * error-with-retry states, so chart components only ever draw real data. It also
 * measures the width charts draw into (see chart-size.tsx).
 */
export function ChartCard({ title, description, actions, height = 300, loading, error, onRetry, empty, emptyMessage, children }: ChartCardProps) {
  let body: ReactNode;
  if (loading) body = <LoadingState label={`Loading ${title.toLowerCase()}…`} height={height} />;
  else if (error) body = <ErrorState error={error} onRetry={onRetry} height={height} />;
  else if (empty) body = <EmptyState height={height}>{emptyMessage ?? 'No data for this range yet.'}</EmptyState>;
  else body = children;
  return (
    <section className="card" aria-label={title}>
      <header className="card-header">
        <div>
          <h2>{title}</h2>
          {description && <p>{description}</p>}
        </div>
        {actions && <div className="row">{actions}</div>}
      </header>
      <ChartSizeProvider height={height}>{body}</ChartSizeProvider>
    </section>
  );
}
