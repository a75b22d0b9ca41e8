// The look every time-series chart shares (node metrics, incident lag, heartbeat delay): time x
// axis, value y axis, tooltip, series lines and event markers. Plain props spread onto the
// recharts elements, so each chart still lists its own pieces and can override any of them.
import type { LineProps, ReferenceLineProps, TooltipProps, XAxisProps, YAxisProps } from 'recharts';
import type { Formatters } from '@/lib/i18n';
import { axisScale, axisWidth, type AxisKind, type AxisScale } from './value-ticks';

const AXIS_TICK = { fontSize: 11, fill: 'var(--chart-axis)' };
const GRID = 'var(--chart-grid)';

/** Horizontal grid lines only. */
export const GRID_PROPS = { stroke: GRID, vertical: false } as const;

/** Wall-clock x axis over [from, to]; points outside it are clipped, not stretched to. */
export function timeAxisProps(
  from: number,
  to: number,
  ticks: number[],
  fmt: Formatters,
): XAxisProps {
  return {
    dataKey: 't',
    type: 'number',
    scale: 'time',
    domain: [from, to],
    allowDataOverflow: true,
    ticks,
    // Past a day the ticks are days apart: the date says more than 00:00.
    tickFormatter: (v: number) => (to - from > 24 * 3600_000 ? fmt.dateTime(v).split(/[ ,]/)[0] ?? '' : fmt.time(v, false)),
    tick: AXIS_TICK,
    stroke: GRID,
  };
}

/** Largest finite `key` value across series (0 when there is none). */
export function seriesMax<T>(rows: readonly T[], value: (row: T) => number | null | undefined): number {
  let max = 0;
  for (const r of rows) {
    const v = value(r);
    if (typeof v === 'number' && Number.isFinite(v) && v > max) max = v;
  }
  return max;
}

/** Bare tick labels in the axis unit (compact for big counts: 600K, 60万). */
export function tickLabel(scale: AxisScale, locale: string): (v: number) => string {
  const nf = new Intl.NumberFormat(locale, {
    maximumFractionDigits: scale.fractionDigits,
    ...(scale.unit === '' ? { notation: 'compact' as const } : {}),
  });
  return (v) => nf.format(v / scale.divisor);
}

/** Value y axis on nice 1-2-5 ticks in one unit (named in the axis title, not on each tick). */
export function scaledAxis(
  kind: AxisKind,
  max: number,
  locale: string,
  minTop?: number,
): { scale: AxisScale; props: YAxisProps } {
  const scale = axisScale(kind, max, minTop === undefined ? {} : { minTop });
  const label = tickLabel(scale, locale);
  return {
    scale,
    props: {
      ticks: scale.ticks,
      domain: [0, scale.top],
      allowDataOverflow: false,
      interval: 0,
      tickFormatter: label,
      tick: AXIS_TICK,
      stroke: GRID,
      width: axisWidth(scale.ticks.map(label)),
    },
  };
}

/** Time of the hovered point, then each value with `format`, named `name` or by its series. */
export function tooltipProps(
  fmt: Formatters,
  format: (v: number) => string,
  name?: string,
): TooltipProps {
  return {
    isAnimationActive: false,
    contentStyle: {
      background: 'var(--surface)',
      border: '1px solid var(--border)',
      borderRadius: 6,
      fontSize: 12,
      color: 'var(--fg)',
    },
    labelStyle: { color: 'var(--fg-muted)' },
    labelFormatter: (label) => (typeof label === 'number' ? fmt.time(label) : label),
    formatter: (value, series) => [typeof value === 'number' ? format(value) : '—', name ?? series],
  };
}

/** A series line: no dots, no animation (a point appended each poll never jitters), and a
 * break wherever the data holds a null (see `withGapBreaks`). */
export function seriesLineProps(color: string, isStep = false): Omit<LineProps, 'ref'> {
  return {
    type: isStep ? 'stepAfter' : 'linear',
    stroke: color,
    strokeWidth: 2,
    dot: false,
    connectNulls: false,
    isAnimationActive: false,
  };
}

/** A dashed vertical marker at `x` (an incident opening, a resolution), labelled inside. */
export function markerLineProps(
  x: number,
  color: string,
  label: string,
  position: 'insideTopLeft' | 'insideTopRight' | 'insideBottomRight',
): Omit<ReferenceLineProps, 'ref'> {
  return {
    x,
    stroke: color,
    strokeDasharray: '4 3',
    label: { value: label, position, fontSize: 10, fill: color },
  };
}
