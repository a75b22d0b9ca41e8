'use client';
// Offset gap and lag of the affected replicas over the incident window ± 5 min, from the
// in-memory history (last hour only); older incidents fall back to their metric snapshots.
import { useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { HistoryPoint, IncidentDetail, Link } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { useNow } from '@/components/hooks/use-now';
import { useIncidentHistory, type LagMetric } from '@/components/hooks/use-incident-history';
import { downsampleMax, withGapBreaks } from '@/components/charts/series';
import {
  GRID_PROPS,
  markerLineProps,
  seriesLineProps,
  timeAxisProps,
  tooltipProps,
  scaledAxis,
  seriesMax,
} from '@/components/charts/chart-parts';
import { ChartNoData } from '@/components/charts/chart-no-data';
import { AxisUnit } from '@/components/charts/axis-unit';
import {
  affectedReplicas,
  incidentWindow,
  markerLabelPositions,
  type IncidentWindow,
} from './incident-window';
import { SnapshotTable } from './snapshot-table';

const COLORS = [
  'var(--chart-1)',
  'var(--chart-2)',
  'var(--chart-3)',
  '#0d9488',
  '#db2777',
  '#65a30d',
];
/** Round ticks for any span up to an hour and a bit. */
function ticks(from: number, to: number): number[] {
  const span = to - from;
  const step =
    [60_000, 2 * 60_000, 5 * 60_000, 10 * 60_000, 15 * 60_000].find((s) => span / s <= 8) ??
    30 * 60_000;
  const out: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push(t);
  return out;
}

function inRange(points: readonly HistoryPoint[], from: number, to: number): HistoryPoint[] {
  return points.filter((p) => p.t >= from && p.t <= to);
}

type LagSeries = Record<string, Record<LagMetric, HistoryPoint[]>>;

/** One line per replica over the window, thinned and broken where polls were missed. */
function useLagLines(
  series: LagSeries,
  replicas: readonly string[],
  metric: LagMetric,
  from: number,
  to: number,
) {
  const { fmt } = useT();
  const lines = replicas.map((id, i) => ({
    id,
    color: COLORS[i % COLORS.length]!,
    points: withGapBreaks(downsampleMax(inRange(series[id]?.[metric] ?? [], from, to), 400), 5_000),
  }));
  const total = lines.reduce((n, l) => n + l.points.length, 0);
  const y = scaledAxis(
    metric === 'offsetGapBytes' ? 'bytes' : 'seconds',
    Math.max(0, ...lines.map((l) => seriesMax(l.points, (p) => p.v))),
    fmt.locale,
  );
  return { lines, total, y };
}

function LagPanel({
  title,
  metric,
  series,
  replicas,
  from,
  to,
  openedAt,
  resolvedAt,
  format,
}: {
  title: string;
  metric: LagMetric;
  series: LagSeries;
  replicas: readonly string[];
  from: number;
  to: number;
  openedAt: number;
  resolvedAt: number | undefined;
  format: (v: number) => string;
}) {
  const { t, fmt } = useT();
  const { lines, total, y } = useLagLines(series, replicas, metric, from, to);
  const labelAt = markerLabelPositions(from, to, openedAt, resolvedAt);
  return (
    <figure
      className="flex min-w-0 flex-col gap-1"
      data-testid={`incident-chart-${metric}`}
      data-points={total}
    >
      <figcaption className="text-xs font-medium text-fg-muted">{title}</figcaption>
      <AxisUnit unit={y.scale.unit} />
      <div className="relative h-48">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 14, right: 8, bottom: 0, left: 0 }} aria-label={title}>
            <CartesianGrid {...GRID_PROPS} />
            <XAxis {...timeAxisProps(from, to, ticks(from, to), fmt)} />
            <YAxis {...y.props} />
            <ReferenceArea
              x1={Math.max(openedAt, from)}
              x2={Math.min(resolvedAt ?? to, to)}
              fill="var(--crit)"
              fillOpacity={0.07}
              ifOverflow="hidden"
            />
            {openedAt >= from && (
              <ReferenceLine
                {...markerLineProps(openedAt, 'var(--crit)', t('lagChart.opened'), labelAt.opened)}
              />
            )}
            {resolvedAt !== undefined && resolvedAt <= to && (
              <ReferenceLine
                {...markerLineProps(
                  resolvedAt,
                  'var(--ok)',
                  t('lagChart.resolved'),
                  labelAt.resolved,
                )}
              />
            )}
            <Tooltip {...tooltipProps(fmt, format)} />
            {lines.map((l) => (
              <Line
                key={l.id}
                data={l.points}
                dataKey="v"
                name={l.id}
                {...seriesLineProps(l.color)}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
        {total === 0 && <ChartNoData />}
      </div>
    </figure>
  );
}

/** The two panels (offset gap, lag) with their notes and the colour key of the replicas. */
function LagPanels({
  incident,
  win,
  replicas,
  history,
}: {
  incident: IncidentDetail;
  win: IncidentWindow;
  replicas: readonly string[];
  history: { series: LagSeries; error: string | null };
}) {
  const { t, fmt } = useT();
  return (
    <>
      {win.coverage === 'partial' && (
        <p className="rounded-md border border-border bg-surface-2 px-3 py-2 text-xs text-fg-muted">
          {t('lagChart.partial', { time: fmt.time(win.chartFrom, false) })}
        </p>
      )}
      {history.error && (
        <p className="rounded-md border border-warn bg-warn-bg px-3 py-2 text-sm text-warn">
          {t('charts.loadError', { message: history.error })}
        </p>
      )}
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        {(['offsetGapBytes', 'lagSeconds'] as const).map((m) => (
          <LagPanel
            key={m}
            metric={m}
            title={t(`metric.${m}`)}
            series={history.series}
            replicas={replicas}
            from={win.chartFrom}
            to={win.to}
            openedAt={incident.openedAt}
            resolvedAt={incident.resolvedAt}
            format={m === 'offsetGapBytes' ? (v) => fmt.bytes(v) : (v) => fmt.seconds(v)}
          />
        ))}
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label={t('incident.nodes')}>
        {replicas.map((id, i) => (
          <li key={id} className="flex items-center gap-1.5 font-mono text-fg-muted">
            <span
              aria-hidden="true"
              className="h-0.5 w-4 rounded"
              style={{ background: COLORS[i % COLORS.length] }}
            />
            {id}
          </li>
        ))}
      </ul>
    </>
  );
}

export function IncidentLagChart({
  incident,
  links,
}: {
  incident: IncidentDetail;
  links: readonly Link[];
}) {
  const { t, fmt } = useT();
  const now = useNow();
  const replicas = useMemo(
    () => affectedReplicas(incident, incident.findings, links),
    [incident, links],
  );
  // `now` is 0 during server rendering; the chart waits for the client clock.
  const win = now === 0 ? null : incidentWindow(incident, now);
  const isLive = incident.resolvedAt === undefined;
  // Fetch from a stable start: the window start, or where the hour began when this page opened.
  const sinceMs = win ? Math.floor(win.chartFrom / 60_000) * 60_000 : 0;
  const enabled = win !== null && win.coverage !== 'none' && replicas.length > 0;
  const history = useIncidentHistory(replicas, sinceMs, enabled, isLive);

  return (
    <section
      className="panel flex flex-col gap-3 p-4"
      aria-labelledby="lag-title"
      data-testid="incident-lag-chart"
      data-coverage={win?.coverage}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="lag-title" className="panel-title">
          {t('lagChart.title')}
        </h2>
        {win && (
          <span className="tnum font-mono text-xs text-fg-muted">
            {t('lagChart.window', { from: fmt.time(win.from, false), to: fmt.time(win.to, false) })}
          </span>
        )}
      </div>
      {win === null ? null : win.coverage === 'none' ? (
        <>
          <p
            className="rounded-md border border-border bg-surface-2 px-3 py-2 text-sm text-fg-muted"
            data-testid="history-expired"
          >
            {t('lagChart.expired')}
          </p>
          <SnapshotTable timeline={incident.timeline} />
        </>
      ) : replicas.length === 0 ? (
        <p className="text-sm text-fg-muted">{t('lagChart.noReplicas')}</p>
      ) : (
        <LagPanels incident={incident} win={win} replicas={replicas} history={history} />
      )}
    </section>
  );
}
