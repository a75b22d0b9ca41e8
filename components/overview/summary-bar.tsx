'use client';
// The at-a-glance strip: overall status, node and link counts, worst lag and biggest gap.
import type { Link, Status, TopologyNode } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { summarize, worstReading } from './summarize';

function Tile({
  label,
  value,
  tone,
  testId,
}: {
  label: string;
  value: string;
  tone?: Status | null;
  testId?: string;
}) {
  const color = tone && tone !== 'ok' ? STATUS_TONE[tone].text : 'text-fg';
  // Long figures ("191 / 201") shrink a step and wrap rather than being cut off.
  const size = value.length > 7 ? 'text-xl lg:text-2xl' : 'text-2xl lg:text-3xl';
  return (
    <div className="flex min-w-0 flex-col justify-center gap-1 px-5 py-3" data-testid={testId}>
      {/* Two lines on a phone rather than "BIGGEST OFFSET…"; one line from sm up. */}
      <span className="panel-title break-words sm:truncate" title={label}>
        {label}
      </span>
      <span className={`tnum break-words font-mono font-semibold ${size} ${color}`} title={value}>
        {tone && tone !== 'ok' && (
          <StatusIcon status={tone} className="mr-1.5 inline h-5 w-5 align-[-2px]" />
        )}
        {value}
      </span>
    </div>
  );
}

function statusOfMax(links: readonly Link[], pick: (l: Link) => number | null): Status | null {
  let best: Link | null = null;
  for (const l of links) {
    const v = pick(l);
    if (v !== null && (best === null || v > (pick(best) ?? -Infinity))) best = l;
  }
  return best?.status ?? null;
}

export function SummaryBar({
  nodes,
  links,
}: {
  nodes: readonly TopologyNode[];
  links: readonly Link[];
}) {
  const { t, fmt } = useT();
  const s = summarize(nodes, links);
  const tone = STATUS_TONE[s.overall];
  const lag = worstReading(s.worstLagSeconds, s.lagUnknown);
  const gap = worstReading(s.biggestGapBytes, s.gapUnknown);
  const show = (r: ReturnType<typeof worstReading>, format: (v: number) => string) =>
    r.kind === 'unknown' || r.value === null ? t('value.unknown') : r.kind === 'atLeast' ? `≥ ${format(r.value)}` : format(r.value);
  return (
    <section
      aria-label={t('summary.label')}
      data-testid="summary-bar"
      data-status={s.overall}
      data-nodes={s.nodes}
      data-reachable={s.reachable}
      data-links-down={s.linksDown}
      className="panel grid grid-cols-2 divide-border overflow-hidden sm:grid-cols-3 lg:grid-cols-[minmax(220px,1.3fr)_repeat(5,minmax(0,1fr))] lg:divide-x"
    >
      <div
        className={`col-span-2 flex items-center gap-3 px-5 py-3 sm:col-span-3 lg:col-span-1 ${tone.bg}`}
      >
        <StatusIcon status={s.overall} className={`h-10 w-10 shrink-0 ${tone.text}`} />
        <div className="flex flex-col">
          <span className="panel-title">{t('summary.overall')}</span>
          <span className={`text-3xl font-bold uppercase tracking-wide ${tone.text}`}>
            {t(`status.${s.overall}`)}
          </span>
        </div>
      </div>
      <Tile label={t('summary.nodes')} value={fmt.number(s.nodes)} />
      <Tile
        label={t('summary.reachable')}
        value={t('summary.ofTotal', { n: fmt.number(s.reachable), total: fmt.number(s.nodes) })}
        tone={s.reachable < s.nodes ? 'critical' : null}
      />
      <Tile
        label={t('summary.linksDown')}
        value={fmt.number(s.linksDown)}
        tone={s.linksDown > 0 ? 'critical' : null}
      />
      <Tile
        label={t('summary.worstLag')}
        value={show(lag, (v) => fmt.seconds(v))}
        tone={lag.kind === 'value' ? statusOfMax(links, (l) => l.lagSeconds) : 'unknown'}
        testId="summary-worst-lag"
      />
      <Tile
        label={t('summary.biggestGap')}
        value={show(gap, (v) => fmt.bytes(v))}
        tone={gap.kind === 'value' ? statusOfMax(links, (l) => l.offsetGapBytes) : 'unknown'}
        testId="summary-biggest-gap"
      />
    </section>
  );
}
