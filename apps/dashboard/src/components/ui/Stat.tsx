import type { ReactNode } from 'react';

export function Stat({ label, value, sub, tone }: { label: string; value: ReactNode; sub?: ReactNode; tone?: 'good' | 'bad' }) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className={['stat-value', tone].filter(Boolean).join(' ')}>{value}</span>
      {sub && <span className="stat-sub">{sub}</span>}
    </div>
  );
}
