import type { ReactNode } from 'react';
import type { ChartSeries } from './types';

export interface TooltipEntry {
  series: ChartSeries;
  value: ReactNode;
}

export function ChartTooltipBox({ title, entries, footer }: { title: ReactNode; entries: TooltipEntry[]; footer?: ReactNode }) {
  return (
    <div className="chart-tooltip">
      <strong>{title}</strong>
      <ul>
        {entries.map((e) => (
          <li key={e.series.key}>
            <span>
              <span className="swatch" style={{ background: e.series.color }} />
              {e.series.label}
            </span>
            <span className="num">{e.value}</span>
          </li>
        ))}
      </ul>
      {footer && <div style={{ marginTop: 4, borderTop: '1px solid var(--border)', paddingTop: 4 }}>{footer}</div>}
    </div>
  );
}
