'use client';
// The lag chart of the overview: one small live chart of the byte gap per replication link, so
// "which replica lags, since when, and is it getting worse" needs no click. Each chart follows
// its replica's samples (node:watch); a big tree shows its worst links first.
import { useMemo } from 'react';
import type { Link } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { useNow } from '@/components/hooks/use-now';
import { useNodeSeries } from '@/components/hooks/use-node-series';
import { MetricChart } from '@/components/charts/metric-chart';
import { compareIds } from '@/components/topology/compare-ids';

const WINDOW_MS = 5 * 60_000;
const METRICS = ['offsetGapBytes'] as const;
/** Beyond this many links the worst are charted, the rest are one click away on node pages. */
const MAX_CHARTS = 12;

function LinkGapChart({ link, pollIntervalMs }: { link: Link; pollIntervalMs: number }) {
  const { t, fmt } = useT();
  const { series, skewMs } = useNodeSeries(link.replica, METRICS, WINDOW_MS);
  const now = useNow() - skewMs;
  return (
    <div data-testid="link-lag-chart" data-replica={link.replica}>
      <MetricChart
        metric="offsetGapBytes"
        title={t('overview.linkTitle', { replica: link.replica, upstream: link.upstream })}
        points={series.offsetGapBytes ?? []}
        now={now}
        windowMs={WINDOW_MS}
        maxGapMs={3 * pollIntervalMs}
        format={(v) => fmt.bytes(v)}
        axis="bytes"
        height={110}
      />
    </div>
  );
}

/** Worst first: a down link, then the biggest gap, then by address. */
function byConcern(a: Link, b: Link): number {
  const down = (l: Link) => (l.linkStatus === 'up' ? 0 : 1);
  return (
    down(b) - down(a) ||
    (b.offsetGapBytes ?? 0) - (a.offsetGapBytes ?? 0) ||
    compareIds(a.replica, b.replica)
  );
}

export function LinkLagCharts({
  links,
  pollIntervalMs,
  maxCharts = MAX_CHARTS,
}: {
  links: Link[];
  pollIntervalMs: number;
  /** The compact overview of a big tree charts fewer: the page stays on two screens. */
  maxCharts?: number;
}) {
  const { t } = useT();
  // Which links get a chart is decided by concern, but the order stays stable by address so
  // charts do not jump around as gaps change from one poll to the next.
  const shown = useMemo(() => {
    const picked = new Set(
      [...links]
        .sort(byConcern)
        .slice(0, maxCharts)
        .map((l) => l.replica),
    );
    return links
      .filter((l) => picked.has(l.replica))
      .sort((a, b) => compareIds(a.replica, b.replica));
  }, [links, maxCharts]);
  if (!links.length) return null;
  return (
    <section
      className="flex flex-col gap-3"
      aria-labelledby="lag-charts-title"
      data-testid="link-lag-charts"
    >
      <div>
        <h2 id="lag-charts-title" className="panel-title">
          {t('overview.lagCharts')}
        </h2>
        <p className="text-sm text-fg-muted">
          {links.length > shown.length
            ? t('overview.lagChartsSome', { shown: shown.length, total: links.length })
            : t('overview.lagChartsHint')}
        </p>
      </div>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3">
        {shown.map((l) => (
          <LinkGapChart key={l.replica} link={l} pollIntervalMs={pollIntervalMs} />
        ))}
      </div>
    </section>
  );
}
