import { AXIS_COLOR } from './palette';

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value: unknown };
}

/**
 * A plain SVG label. Recharts' default tick wraps text, measuring every label in the
 * DOM (forced layouts); axis labels here are short and never wrap.
 */
export function axisTick(format: (value: never) => string, axis: 'x' | 'y') {
  return function AxisTick({ x, y, payload }: TickProps) {
    if (!payload) return null;
    return (
      <text
        x={Number(x)}
        y={Number(y)}
        dy={axis === 'x' ? 14 : 4}
        textAnchor={axis === 'x' ? 'middle' : 'end'}
        fill={AXIS_COLOR}
        fontSize={12}
      >
        {format(payload.value as never)}
      </text>
    );
  };
}
