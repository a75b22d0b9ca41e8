'use client';
// Entries that come in bursts, grouped in one row each: webhook deliveries close together
// (retries, several webhooks) and log lines of one node in a monospace block.
import { LogCategorySchema, type Status } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE } from '@/components/ui/status';
import { logLineOf, type TimelineItem } from './timeline-data';
import { entryAttrs, summaryOf } from './timeline-entry-meta';
import { TimelineRow } from './timeline-row';

type Burst = Extract<TimelineItem, { kind: 'logs' | 'alerts' }>;

const DELIVERY_STATUS: Record<string, Status> = {
  delivered: 'ok',
  failed: 'critical',
  pending: 'unknown',
};

/** Webhook deliveries: one compact line each. */
export function AlertGroup({ item }: { item: Burst }) {
  const { t, fmt, locale } = useT();
  const first = item.entries[0]!;
  return (
    <TimelineRow at={first.at} offsetMs={item.offsetMs} type="alert_sent" status={null}>
      <span className="text-xs font-semibold uppercase tracking-wide text-fg-muted">
        {t('timeline.type.alert_sent')}
        <span className="tnum ml-2 font-normal normal-case tracking-normal">
          ({fmt.number(item.entries.length)})
        </span>
      </span>
      <ol className="flex flex-col rounded-md border border-border bg-surface-2 px-2 py-1 text-xs leading-5">
        {item.entries.map((e) => {
          const raw = typeof e.data.status === 'string' ? e.data.status : '';
          const status = DELIVERY_STATUS[raw];
          const summary = summaryOf(e, locale === 'zh-CN');
          return (
            <li key={e.id} {...entryAttrs(e)} className="flex min-w-0 items-baseline gap-2">
              <span className="tnum shrink-0 font-mono text-fg-subtle">{fmt.time(e.at)}</span>
              {status && (raw === 'delivered' || raw === 'failed' || raw === 'pending') && (
                <span className={`shrink-0 font-semibold ${STATUS_TONE[status].text}`}>
                  {t(`delivery.${raw}`)}
                </span>
              )}
              <span className="min-w-0 truncate text-fg" title={summary}>
                {summary}
              </span>
            </li>
          );
        })}
      </ol>
    </TimelineRow>
  );
}

export function LogGroup({ item }: { item: Burst }) {
  const { t, fmt } = useT();
  const first = item.entries[0]!;
  return (
    <TimelineRow at={first.at} offsetMs={item.offsetMs} type="log_line" status={null}>
      <span className="flex flex-wrap items-center gap-x-2">
        <span className="text-xs font-semibold uppercase tracking-wide text-fg-muted">
          {t('timeline.type.log_line')}
        </span>
        {item.nodeId && <span className="font-mono text-xs text-fg-muted">{item.nodeId}</span>}
      </span>
      <ol className="overflow-x-auto rounded-md border border-border bg-surface-2 px-2 py-1 font-mono text-xs leading-5">
        {item.entries.map((e) => {
          const line = logLineOf(e.data);
          return (
            <li key={e.id} {...entryAttrs(e)} className="whitespace-pre-wrap break-all text-fg">
              <span className="text-fg-subtle">{fmt.time(line.time ?? e.at)} </span>
              {/* Redis' own words stay verbatim (translate="no"); our category is translated. */}
              <span translate="no">{line.message || e.summary}</span>
              {line.category && LogCategorySchema.safeParse(line.category).success && (
                <span className="font-sans text-fg-subtle">
                  {' · '}
                  {t(`logs.category.${LogCategorySchema.parse(line.category)}`)}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </TimelineRow>
  );
}
