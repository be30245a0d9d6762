import { createContext, useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface ChartSize {
  width: number;
  height: number;
}

const ChartSizeContext = createContext<ChartSize>({ width: 0, height: 0 });

export function useChartSize(): ChartSize {
  return useContext(ChartSizeContext);
}

/**
 * Measures the width available to a chart with a ResizeObserver only. The box exists
 * while data is still loading, so the width is known by the time data arrives and the
 * chart draws in one pass, without the forced layout (getBoundingClientRect) that
 * Recharts' ResponsiveContainer does on mount.
 */
export function ChartSizeProvider({ height, children }: { height: number; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      setWidth((prev) => (prev === w ? prev : w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} style={{ width: '100%' }}>
      <ChartSizeContext.Provider value={{ width, height }}>{children}</ChartSizeContext.Provider>
    </div>
  );
}
