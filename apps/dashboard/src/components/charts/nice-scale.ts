/**
 * A rounded axis for values from 0 to `max`: `intervals` equal steps of 1, 2, 2.5 or 5
 * times a power of ten, the top at or above `max` (so the plot fills the axis).
 */
export function niceAxis(max: number, intervals = 4): { top: number; ticks: number[] } {
  if (!(max > 0) || !Number.isFinite(max)) return { top: 1, ticks: [0, 0.25, 0.5, 0.75, 1] };
  const raw = max / intervals;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw - 1e-12) ?? 10 * power;
  const ticks = Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { top: ticks[intervals], ticks };
}
