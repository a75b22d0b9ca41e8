'use client';
// Real replication delay from the heartbeat key (opt-in): one line per replica, plus the latest
// delay of each in words. Without samples, how to turn it on.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HeartbeatSample } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { useHeartbeat } from '@/components/hooks/use-checks';
import { useNow } from '@/components/hooks/use-now';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { timeTicks } from '@/components/charts/series';
import { AxisUnit } from '@/components/charts/axis-unit';
import {
  GRID_PROPS,
  seriesLineProps,
  timeAxisProps,
  tooltipProps,
  scaledAxis,
  seriesMax,
} from '@/components/charts/chart-parts';
import { delayStatus } from './check-text';

const WINDOW_MS = 5 * 60_000;
/** Samples come once per poll; this long without any means heartbeat is off. */
const OFF_AFTER_MS = 6000;
const COLORS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--ok)', 'var(--warn)', 'var(--unk)'];

/** "Waiting", "off" or the samples, for the page and the node section alike. */
export function useHeartbeatView() {
  const hb = useHeartbeat();
  const now = useNow();
  const isOff = hb.lastAt === null && hb.listeningSince > 0 && now - hb.listeningSince > OFF_AFTER_MS;
  const isWaiting = hb.lastAt === null && !isOff;
  return { hb, now, isOff, isWaiting };
}

export function DelayValue({ sample }: { sample: HeartbeatSample | undefined }) {
  const { t, fmt } = useT();
  if (!sample) return <span className="text-xs text-fg-subtle">—</span>;
  // Not seen within the window: the delay is above it, an unknown upper bound — never a number.
  const over = sample.overWindow === true;
  const status = over ? 'critical' : delayStatus(sample.delayMs, sample.answered);
  const tone = STATUS_TONE[status];
  const windowMs = fmt.number(sample.windowMs ?? null);
  return (
    <span
      className={`tnum inline-flex items-center gap-1 font-mono text-sm ${tone.text}`}
      data-testid="heartbeat-delay"
      data-delay={sample.delayMs ?? ''}
      data-over-window={over ? 'true' : undefined}
      title={over ? t('heartbeat.overWindowHint', { ms: windowMs }) : undefined}
    >
      <StatusIcon status={status} className="h-3.5 w-3.5" />
      {over ? t('heartbeat.overWindow', { ms: windowMs }) : sample.delayMs === null ? '—' : t('checks.ms', { n: fmt.number(sample.delayMs, 1) })}
      {!sample.answered && <span className="text-xs font-semibold">{t('checks.heartbeat.noAnswer')}</span>}
    </span>
  );
}

export function HeartbeatOff() {
  const { t } = useT();
  return (
    <p className="text-sm text-fg-muted" data-testid="heartbeat-off">
      {t('checks.heartbeat.off')} <code className="rounded bg-surface-3 px-1 font-mono text-xs">heartbeat: {'{ enabled: true }'}</code>
    </p>
  );
}

export function HeartbeatChart({ nodeIds, height = 200 }: { nodeIds?: string[]; height?: number }) {
  const { t, fmt } = useT();
  const { hb, now, isOff, isWaiting } = useHeartbeatView();
  const ids = (nodeIds ?? Object.keys(hb.byNode).sort()).filter((id) => hb.byNode[id]);
  if (isOff) return <HeartbeatOff />;
  if (isWaiting || ids.length === 0 || now === 0) return <p className="text-sm text-fg-subtle">{t('checks.heartbeat.waiting')}</p>;
  const from = now - WINDOW_MS;
  const ms = (v: number) => t('checks.ms', { n: fmt.number(v) });
  const y = scaledAxis(
    'milliseconds',
    Math.max(0, ...ids.map((id) => seriesMax(hb.byNode[id] ?? [], (s) => (s.t >= from ? s.delayMs : null)))),
    fmt.locale,
  );
  return (
    <div className="flex flex-col gap-2" data-testid="heartbeat-chart">
      <AxisUnit unit={y.scale.unit} />
      <div style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid {...GRID_PROPS} />
            <XAxis {...timeAxisProps(from, now, timeTicks(from, now), fmt)} />
            <YAxis dataKey="delayMs" {...y.props} />
            <Tooltip {...tooltipProps(fmt, ms)} />
            {ids.length > 1 && <Legend wrapperStyle={{ fontSize: 11 }} />}
            {ids.map((id, i) => (
              <Line
                key={id}
                name={id}
                data={hb.byNode[id]?.filter((s) => s.t >= from) as HeartbeatSample[]}
                dataKey="delayMs"
                {...seriesLineProps(COLORS[i % COLORS.length]!)}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

export function HeartbeatPanel() {
  const { t } = useT();
  const { hb } = useHeartbeatView();
  const ids = Object.keys(hb.byNode).sort();
  return (
    <section className="panel flex flex-col gap-3 p-4" aria-labelledby="heartbeat-title" data-testid="heartbeat-panel">
      <h2 id="heartbeat-title" className="panel-title">
        {t('checks.heartbeat.title')}
      </h2>
      <p className="text-xs text-fg-subtle">{t('checks.heartbeat.explain')}</p>
      {ids.length > 0 && (
        <ul className="flex flex-wrap gap-x-6 gap-y-1">
          {ids.map((id) => {
            const list = hb.byNode[id] ?? [];
            return (
              <li key={id} className="flex items-center gap-2" data-testid="heartbeat-replica" data-node={id}>
                <span className="font-mono text-xs text-fg-muted">{id}</span>
                <DelayValue sample={list[list.length - 1]} />
              </li>
            );
          })}
        </ul>
      )}
      <HeartbeatChart />
    </section>
  );
}
