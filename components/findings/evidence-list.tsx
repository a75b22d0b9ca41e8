'use client';
// A finding's evidence, each type drawn the way an operator reads it: INFO fields and config as
// `name value`, counters as from → to with the rate, metrics against their threshold, topology
// events with their transition, and Redis log lines verbatim in monospace.
import type { Evidence, Severity } from '@/lib/contracts';
import { logTagText } from '@/components/i18n/code-labels';
import { EventChange } from '@/components/topology/event-change';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE } from '@/components/ui/status';
import { NodeLink } from '@/components/ui/node-link';
import {
  deltaFacts,
  evidenceNode,
  formatByUnit,
  metricLabelKey,
  orderEvidence,
  signed,
  thresholdVerdict,
} from './evidence-format';
import { SEVERITY_STATUS } from './severity-badge';

function NodeRef({ id }: { id: string }) {
  return <NodeLink nodeId={id} className="truncate text-xs text-fg-muted hover:text-fg" />;
}

function Code({ children }: { children: React.ReactNode }) {
  return <code className="font-mono text-[13px] text-fg">{children}</code>;
}

type EvidenceOf<K extends Evidence['type']> = Extract<Evidence, { type: K }>;

/** A counter as from → to, with the change over its window and the rate. */
function DeltaBody({ e }: { e: EvidenceOf<'delta'> }) {
  const { t, fmt } = useT();
  const d = deltaFacts(e.from, e.to, e.windowMs);
  return (
    <span className="flex min-w-0 flex-wrap items-baseline gap-x-2">
      <Code>{e.field}</Code>
      <span className="tnum font-mono text-[13px]">
        {fmt.number(e.from)} → <span className="font-semibold">{fmt.number(e.to)}</span>
      </span>
      <span className="tnum text-xs text-fg-muted">
        ({signed(d.change, fmt)}{' '}
        {t('evidence.inWindow', { duration: fmt.duration(e.windowMs / 1000) })}
        {d.perSecond !== null &&
          `, ${t('evidence.perSecond', { value: fmt.number(d.perSecond, 2) })}`}
        )
      </span>
    </span>
  );
}

/** A metric against its threshold, over in the finding's severity colour. */
function MetricBody({ e, severity }: { e: EvidenceOf<'metric'>; severity: Severity }) {
  const { t, fmt } = useT();
  const key = metricLabelKey(e.metric);
  const verdict = thresholdVerdict(e.value, e.threshold);
  const overTone = STATUS_TONE[SEVERITY_STATUS[severity]].text;
  return (
    <span className="flex min-w-0 flex-wrap items-baseline gap-x-2">
      <span className="text-[13px] text-fg-muted">{key ? t(key) : <Code>{e.metric}</Code>}</span>
      <span className="tnum font-mono text-[13px] font-semibold">
        {formatByUnit(e.value, e.unit, fmt)}
      </span>
      {e.threshold !== undefined && (
        <span className="tnum text-xs text-fg-muted">
          {t('evidence.threshold', { value: formatByUnit(e.threshold, e.unit, fmt) })}
        </span>
      )}
      {verdict && (
        <span className={`text-xs font-semibold ${verdict === 'over' ? overTone : 'text-ok'}`}>
          {verdict === 'over' ? `▲ ${t('evidence.over')}` : `✓ ${t('evidence.within')}`}
        </span>
      )}
    </span>
  );
}

/** A Redis log line verbatim, with its category and verdict tags. */
function LogBody({ e }: { e: EvidenceOf<'log'> }) {
  const { t, fmt } = useT();
  return (
    <span className="flex min-w-0 flex-col gap-1">
      <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-surface-2 px-2 py-1 font-mono text-xs leading-5 text-fg">
        <span className="text-fg-subtle">
          {e.time !== null ? fmt.time(e.time) : t('evidence.noTime')}{' '}
        </span>
        {e.message}
        {e.count !== undefined && e.count > 1 && (
          <span className="font-semibold text-fg-muted">
            {' '}
            {t('evidence.repeated', { n: e.count })}
          </span>
        )}
      </pre>
      <span className="flex flex-wrap gap-1.5 text-[11px] text-fg-muted">
        <span className="rounded bg-surface-3 px-1.5 py-0.5" title={e.category}>
          {logTagText('category', e.category, t)}
        </span>
        <span className="rounded bg-surface-3 px-1.5 py-0.5" title={e.verdict}>
          {logTagText('verdict', e.verdict, t)}
        </span>
      </span>
    </span>
  );
}

function EvidenceBody({ e, severity }: { e: Evidence; severity: Severity }) {
  const { t, fmt, locale } = useT();
  switch (e.type) {
    case 'field':
      return (
        <span className="flex min-w-0 flex-wrap items-baseline gap-x-2">
          <Code>
            <span className="text-fg-subtle">{e.section}.</span>
            {e.field}
          </Code>
          <Code>
            <span className="font-semibold">{e.value}</span>
          </Code>
        </span>
      );
    case 'config':
      return (
        <span className="flex min-w-0 flex-wrap items-baseline gap-x-2">
          <Code>{e.name}</Code>
          <Code>
            <span className="font-semibold">{e.value === '' ? '""' : e.value}</span>
          </Code>
        </span>
      );
    case 'delta':
      return <DeltaBody e={e} />;
    case 'metric':
      return <MetricBody e={e} severity={severity} />;
    case 'event':
      return (
        <span className="flex min-w-0 flex-wrap items-baseline gap-x-2 text-[13px]">
          <span className="font-semibold">{t(`event.${e.event.kind}`)}</span>
          <EventChange event={e.event} />
          <time className="tnum font-mono text-xs text-fg-muted" title={fmt.dateTime(e.event.at)}>
            {fmt.time(e.event.at)}
          </time>
        </span>
      );
    case 'log':
      return <LogBody e={e} />;
    case 'note':
      return <span className="text-[13px]">{locale === 'zh-CN' ? e.text.zh : e.text.en}</span>;
  }
}

export function EvidenceList({
  evidence,
  severity,
}: {
  evidence: readonly Evidence[];
  severity: Severity;
}) {
  const { t } = useT();
  if (evidence.length === 0)
    return <p className="text-sm text-fg-muted">{t('findings.noEvidence')}</p>;
  return (
    <ul className="flex flex-col divide-y divide-border rounded-md border border-border bg-surface">
      {orderEvidence(evidence).map((e, i) => {
        const node = evidenceNode(e);
        return (
          <li
            key={i}
            data-testid="evidence"
            data-type={e.type}
            className="grid grid-cols-[4.5rem_minmax(0,1fr)] items-baseline gap-x-3 px-3 py-1.5 sm:grid-cols-[4.5rem_minmax(0,1fr)_auto]"
          >
            <span className="text-[11px] font-semibold uppercase tracking-wide text-fg-subtle">
              {t(`evidence.${e.type}`)}
            </span>
            <EvidenceBody e={e} severity={severity} />
            {node ? (
              <span className="col-start-2 min-w-0 sm:col-start-3">
                <NodeRef id={node} />
              </span>
            ) : (
              <span className="hidden sm:block" />
            )}
          </li>
        );
      })}
    </ul>
  );
}
