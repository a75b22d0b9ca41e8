'use client';
// Live charts of one node: upstream link gap/lag, memory, ops/s, CPU, replication stream rate
// (what backlog sizing divides by) and resync counters.
import { useMemo, useState } from 'react';
import type { HistoryMetric } from '@/lib/contracts';
import { useT, type I18nValue } from '@/components/i18n/i18n-provider';
import { useNow } from '@/components/hooks/use-now';
import { useNodeSeries } from '@/components/hooks/use-node-series';
import { useLongSeries } from '@/components/hooks/use-long-series';
import { MetricChart, type MetricChartProps } from '@/components/charts/metric-chart';
import {
  CHART_WINDOWS,
  isLongWindow,
  WindowSwitch,
  type ChartWindow,
} from '@/components/charts/window-switch';

const LINK_METRICS: HistoryMetric[] = ['offsetGapBytes', 'lagSeconds'];
const NODE_METRICS: HistoryMetric[] = [
  'memoryPct',
  'usedMemoryBytes',
  'rssBytes',
  'opsPerSec',
  'cpuPct',
  'replOffsetRate',
  'syncFullDelta',
  'syncPartialOkDelta',
  'syncPartialErrDelta',
];
const RESYNC_METRICS = [
  ['syncFullDelta', 'var(--chart-3)'],
  ['syncPartialOkDelta', 'var(--chart-1)'],
  ['syncPartialErrDelta', 'var(--chart-2)'],
] as const;

/** What each chart shows, beyond the window every chart shares. */
type ChartSpec = Omit<MetricChartProps, 'points' | 'now' | 'windowMs' | 'maxGapMs'>;

/** The link charts (a replica only), then memory, ops/s, CPU and the replication stream rate. */
function mainCharts(
  t: I18nValue['t'],
  fmt: I18nValue['fmt'],
  hasUpstream: boolean,
  hasMemoryLimit: boolean,
): ChartSpec[] {
  const bytes = (v: number) => fmt.bytes(v);
  const link: ChartSpec[] = [
    { metric: 'offsetGapBytes', title: t('metric.offsetGapBytes'), format: bytes, axis: 'bytes' },
    {
      metric: 'lagSeconds',
      title: t('metric.lagSeconds'),
      format: (v) => fmt.seconds(v),
      axis: 'seconds',
    },
  ];
  // Used memory always; % of maxmemory only when there is a limit (0 = none).
  const memory: ChartSpec = hasMemoryLimit
    ? {
        metric: 'memoryPct',
        title: t('metric.memoryPct'),
        format: (v) => fmt.percent(v),
        axis: 'percent',
        minTop: 100,
        color: 'var(--chart-2)',
      }
    : {
        metric: 'rssBytes',
        title: t('chart.rss'),
        format: bytes,
        axis: 'bytes',
        color: 'var(--chart-3)',
        note: t('charts.memoryNoLimit'),
      };
  return [
    ...(hasUpstream ? link : []),
    {
      metric: 'usedMemoryBytes',
      title: t('chart.usedMemory'),
      format: bytes,
      axis: 'bytes',
      color: 'var(--chart-2)',
    },
    memory,
    {
      metric: 'opsPerSec',
      title: t('metric.opsPerSec'),
      format: (v) => fmt.number(v),
      axis: 'count',
      color: 'var(--chart-2)',
    },
    {
      metric: 'cpuPct',
      title: t('metric.cpuPct'),
      format: (v) => fmt.percent(v),
      axis: 'percent',
      color: 'var(--chart-3)',
      minTop: 100,
    },
    {
      metric: 'replOffsetRate',
      title: t('charts.streamRate'),
      format: (v) => t('chart.perSecond', { value: fmt.bytes(v) }),
      axis: 'bytes',
      color: 'var(--chart-1)',
    },
  ];
}

/** The series of the chosen window: live from the socket, or rollups for 24 h and longer. */
function useWindowSeries(nodeId: string, hasUpstream: boolean, win: ChartWindow) {
  const windowMs = CHART_WINDOWS[win];
  const metrics = useMemo(
    () => (hasUpstream ? [...LINK_METRICS, ...NODE_METRICS] : NODE_METRICS),
    [hasUpstream],
  );
  const live = useNodeSeries(nodeId, metrics, isLongWindow(win) ? CHART_WINDOWS['1h'] : windowMs);
  const long = useLongSeries(nodeId, metrics, isLongWindow(win) ? win : null);
  return isLongWindow(win) ? long : live;
}

export function NodeCharts({
  nodeId,
  hasUpstream,
  hasMemoryLimit,
  pollIntervalMs,
}: {
  nodeId: string;
  pollIntervalMs: number;
  hasUpstream: boolean;
  /** False when maxmemory is 0: the memory % series is empty by design. */
  hasMemoryLimit: boolean;
}) {
  const { t, fmt } = useT();
  const [win, setWin] = useState<ChartWindow>('5m');
  const windowMs = CHART_WINDOWS[win];
  const { series, error, skewMs } = useWindowSeries(nodeId, hasUpstream, win);
  const now = useNow() - skewMs;
  // Downsampled buckets are wider than a poll; allow for that before calling it a hole.
  const maxGapMs = Math.max(3 * pollIntervalMs, (windowMs / 600) * 2);
  const common = { now, windowMs, maxGapMs };
  return (
    <section className="flex flex-col gap-3" aria-labelledby="charts-title">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="charts-title" className="panel-title">
          {t('charts.title')}
        </h2>
        <WindowSwitch value={win} onChange={setWin} />
      </div>
      {error && (
        <p className="rounded-md border border-warn bg-warn-bg px-3 py-2 text-sm text-warn">
          {t('charts.loadError', { message: error })}
        </p>
      )}
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        {!hasUpstream && (
          <p className="panel px-4 py-3 text-sm text-fg-muted lg:col-span-2">
            {t('charts.noUpstream')}
          </p>
        )}
        {mainCharts(t, fmt, hasUpstream, hasMemoryLimit).map((spec) => (
          <MetricChart key={spec.metric} {...common} {...spec} points={series[spec.metric] ?? []} />
        ))}
      </div>
      <h3 className="panel-title mt-2">{t('charts.resyncs')}</h3>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        {RESYNC_METRICS.map(([metric, color]) => (
          <MetricChart
            key={metric}
            {...common}
            metric={metric}
            title={t(`metric.${metric}`)}
            points={series[metric] ?? []}
            format={(v) => fmt.number(v)}
            axis="count"
            color={color}
            isStep
            height={120}
          />
        ))}
      </div>
    </section>
  );
}
