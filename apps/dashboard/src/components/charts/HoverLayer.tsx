import { useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';

export interface PlotBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The charts' tooltip, drawn by us over the plot instead of by Recharts (whose tooltip
 * machinery was a large share of a year-long chart's render time). The x axis is a row
 * index from 0 to count − 1 spread evenly over the plot, so the row under the pointer
 * is simple arithmetic. It is keyboard-usable too: focus the chart, then ← → Home End.
 */
export function HoverLayer({ width, height, box, count, label, render }: {
  width: number;
  height: number;
  box: PlotBox;
  count: number;
  label: string;
  render: (index: number) => ReactNode;
}) {
  const [index, setIndex] = useState<number | null>(null);
  const plotWidth = Math.max(1, width - box.left - box.right);
  const xOf = (i: number) => box.left + (count > 1 ? (i / (count - 1)) * plotWidth : plotWidth / 2);
  const indexAt = (x: number) => Math.min(count - 1, Math.max(0, Math.round(((x - box.left) / plotWidth) * (count - 1))));

  const onMove = (e: MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    setIndex(indexAt(e.clientX - rect.left));
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = index ?? count - 1;
    const next = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: count - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    setIndex(Math.min(count - 1, Math.max(0, next)));
  };

  const x = index === null ? 0 : xOf(index);
  const flip = x > width * 0.6;
  return (
    <div
      className="hover-layer"
      style={{ width, height }}
      tabIndex={0}
      role="group"
      aria-roledescription="chart"
      aria-label={`${label}. Use the left and right arrow keys to read each point.`}
      onMouseMove={onMove}
      onMouseLeave={() => setIndex(null)}
      onFocus={() => setIndex((i) => i ?? count - 1)}
      onBlur={() => setIndex(null)}
      onKeyDown={onKey}
    >
      {index !== null && count > 0 && (
        <>
          <div className="hover-line" style={{ left: x, top: box.top, height: height - box.top - box.bottom }} />
          <div
            className="hover-tip"
            role="status"
            style={flip ? { right: width - x + 12, top: box.top } : { left: x + 12, top: box.top }}
          >
            {render(index)}
          </div>
        </>
      )}
    </div>
  );
}
