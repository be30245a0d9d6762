import { render, screen } from '@testing-library/react';
import { ChartCard } from './ChartCard';
import { StackedAreaChart } from './StackedAreaChart';
import type { ChartRow, ChartSeries } from './types';

const series: ChartSeries[] = [
  { key: 's0', label: 'bulk', color: '#111111' },
  { key: 's1', label: 'standard', color: '#222222' },
];

function draw(rows: ChartRow[]) {
  return render(
    <ChartCard title="Daily spend" loading={false}>
      <StackedAreaChart
        rows={rows}
        series={series}
        formatX={(x) => x}
        formatY={(y) => `$${y}`}
        valueLabel={() => ''}
        label="Daily spend by bucket"
      />
    </ChartCard>,
  );
}

describe('StackedAreaChart', () => {
  it('scales the y axis to the tallest day, not the last one', () => {
    const { container } = draw([
      { x: '2026-01-01', i: 0, s0: 20, s1: 13 },
      { x: '2026-01-02', i: 1, s0: 0.5, s1: 0.25 },
    ]);
    // Tick labels are plain <text> elements (AxisTick); the y ones read as money here.
    const yLabels = [...container.querySelectorAll('svg text')].map((t) => t.textContent).filter((t) => t?.startsWith('$'));
    expect(yLabels).toEqual(['$0', '$10', '$20', '$30', '$40']);
  });

  it('draws one band per series, each a closed path over every day', () => {
    const { container } = draw([
      { x: '2026-01-01', i: 0, s0: 1, s1: 2 },
      { x: '2026-01-02', i: 1, s0: 3, s1: 0 },
      { x: '2026-01-03', i: 2, s0: 2, s1: 2 },
    ]);
    const bands = [...container.querySelectorAll('path.stack-area')];
    expect(bands.map((b) => b.getAttribute('fill'))).toEqual(['#111111', '#222222']);
    for (const b of bands) expect(b.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){5}Z$/);
    expect(screen.getByRole('group', { name: /Daily spend by bucket/ })).toBeInTheDocument();
  });
});
