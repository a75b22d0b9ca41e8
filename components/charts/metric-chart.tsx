'use client';
// One live time-series chart. Animations are off so appending a point each poll never jitters.
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { HistoryMetric, HistoryPoint } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { downsampleMax, timeTicks, trimBefore, withGapBreaks } from './series';
import {
  GRID_PROPS,
  scaledAxis,
  seriesLineProps,
  seriesMax,
  timeAxisProps,
  tooltipProps,
} from './chart-parts';
import { ChartNoData } from './chart-no-data';
import { AxisUnit } from './axis-unit';
import type { AxisKind } from './value-ticks';

const MAX_DRAWN_POINTS = 600;

export interface MetricChartProps {
  metric: HistoryMetric;
  title: string;
  points: readonly HistoryPoint[];
  /** Right edge of the x axis (epoch ms) and window length. */
  now: number;
  windowMs: number;
  /** Headline and tooltip values. */
  format: (v: number) => string;
  /** What the values are: picks the axis unit and its nice ticks. */
  axis: AxisKind;
  color?: string;
  /** Counter deltas read better as steps. */
  isStep?: boolean;
  height?: number;
  note?: string;
  /** Neighbouring points further apart than this are not joined (default 3 polls of 1 s). */
  maxGapMs?: number;
  /** The value axis reaches at least this high (CPU: 100 %, so an idle node reads as idle). */
  minTop?: number;
}

export function MetricChart({
  metric,
  title,
  points,
  now,
  windowMs,
  format,
  axis,
  color = 'var(--chart-1)',
  isStep = false,
  height = 176,
  note,
  maxGapMs = 3000,
  minTop,
}: MetricChartProps) {
  const { fmt } = useT();
  const inWindow = trimBefore(points, now - windowMs);
  const drawn = withGapBreaks(downsampleMax(inWindow, MAX_DRAWN_POINTS), maxGapMs);
  const last = inWindow[inWindow.length - 1];
  const y = scaledAxis(
    axis,
    seriesMax(drawn, (p) => p.v),
    fmt.locale,
    minTop,
  );
  return (
    <figure
      data-testid={`chart-${metric}`}
      data-points={inWindow.length}
      className="panel flex min-w-0 flex-col gap-2 p-3"
    >
      <figcaption className="flex items-baseline justify-between gap-3">
        <span className="truncate text-sm font-medium text-fg-muted">{title}</span>
        <span className="tnum shrink-0 font-mono text-lg font-semibold text-fg">
          {last && last.v !== null ? format(last.v) : '—'}
        </span>
      </figcaption>
      <AxisUnit unit={y.scale.unit} />
      <div className="relative" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={drawn}
            margin={{ top: 6, right: 8, bottom: 0, left: 0 }}
            aria-label={title}
          >
            <CartesianGrid {...GRID_PROPS} />
            <XAxis {...timeAxisProps(now - windowMs, now, timeTicks(now - windowMs, now), fmt)} />
            <YAxis {...y.props} />
            <Tooltip {...tooltipProps(fmt, format, title)} />
            <Line dataKey="v" {...seriesLineProps(color, isStep)} />
          </LineChart>
        </ResponsiveContainer>
        {inWindow.length === 0 && <ChartNoData />}
      </div>
      {note && <p className="text-xs text-fg-subtle">{note}</p>}
    </figure>
  );
}
