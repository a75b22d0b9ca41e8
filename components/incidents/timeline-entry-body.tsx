'use client';
// The body of one timeline entry, by type: topology transitions, finding changes with severity,
// metric snapshot values, state changes, and any other scalar data the server attached.
import Link from 'next/link';
import type { TimelineEntry } from '@/lib/contracts';
import { EventChange } from '@/components/topology/event-change';
import { snapshotValueText } from '@/components/i18n/code-labels';
import { DriverError } from '@/components/i18n/driver-error';
import { useT } from '@/components/i18n/i18n-provider';
import { nodeHref } from '@/components/topology/node-card';
import { SeverityBadge } from '@/components/findings/severity-badge';
import {
  formatByUnit,
  metricLabelKey,
  unitOfMetricName,
} from '@/components/findings/evidence-format';
import { IncidentStateSchema } from '@/lib/contracts';
import { IncidentStateBadge } from './incident-state-badge';
import { findingRefOf, scalarFields, snapshotRows, topologyEventOf } from './timeline-data';

function NodeLink({ id }: { id: string }) {
  return (
    <Link
      href={nodeHref(id)}
      className="focus-ring rounded font-mono text-xs text-fg-muted hover:text-fg hover:underline"
    >
      {id}
    </Link>
  );
}

export function SnapshotValues({ data }: { data: Record<string, unknown> }) {
  const { t, fmt } = useT();
  const rows = snapshotRows(data);
  if (rows.length === 0) return null;
  return (
    <div className="flex flex-col gap-1" data-testid="snapshot-values">
      {rows.map((row, i) => (
        <div
          key={i}
          className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 rounded bg-surface-2 px-2 py-1"
        >
          {row.subject && <span className="font-mono text-xs text-fg-muted">{row.subject}</span>}
          {row.values.map(({ metric, value }) => {
            const key = metricLabelKey(metric);
            // A null only says something for a known metric (e.g. no lag while the link is down).
            if (value === null && !key) return null;
            const shown =
              typeof value === 'number'
                ? formatByUnit(value, unitOfMetricName(metric), fmt)
                : value === null
                  ? '—'
                  : snapshotValueText(metric, value, t);
            return (
              <span key={metric} className="flex items-baseline gap-1 text-xs">
                <span className="text-fg-muted">{key ? t(key) : metric}</span>
                <span className="tnum font-mono font-semibold text-fg">{shown}</span>
              </span>
            );
          })}
        </div>
      ))}
    </div>
  );
}

function Scalars({ data, skip = [] }: { data: Record<string, unknown>; skip?: string[] }) {
  const fields = scalarFields(data, skip);
  if (fields.length === 0) return null;
  return (
    <span className="flex flex-wrap gap-1.5">
      {fields.map(([k, v]) => (
        // Raw recorded data without a known shape: shown as the code it is.
        <code
          key={k}
          className="rounded bg-surface-2 px-1.5 py-px font-mono text-[11px] text-fg-muted"
        >
          {k}=<span className="text-fg">{v}</span>
        </code>
      ))}
    </span>
  );
}

/** A finding opened, changed severity or resolved: severity (from → to), kind, node; or how long it was open. */
function FindingEntryBody({ entry }: { entry: TimelineEntry }) {
  const { t, fmt } = useT();
  const { data } = entry;
  const ref = findingRefOf(data);
  if (entry.type === 'finding_resolved' && typeof data.durationMs === 'number')
    return (
      <span className="tnum text-xs text-fg-muted">
        {t('timeline.openFor', { duration: fmt.duration(data.durationMs / 1000) })}
      </span>
    );
  if (!ref.kind && !ref.severity) return <Scalars data={data} skip={['findingId']} />;
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
      {ref.from && ref.severity && ref.from !== ref.severity && (
        <>
          <SeverityBadge severity={ref.from} size="sm" />
          <span className="text-fg-subtle">→</span>
        </>
      )}
      {ref.severity && <SeverityBadge severity={ref.severity} size="sm" />}
      {ref.kind && <span className="font-medium text-fg">{t(`kind.${ref.kind}`)}</span>}
      {ref.nodeId && <NodeLink id={ref.nodeId} />}
    </span>
  );
}

/** An action run: a link to its full record (commands, results, verification) in the audit trail. */
function ActionEntryBody({ data }: { data: TimelineEntry['data'] }) {
  const { t } = useT();
  const runId = typeof data.runId === 'string' ? data.runId : null;
  const error = typeof data.error === 'string' && data.error ? data.error : null;
  return (
    <span className="flex flex-wrap items-baseline gap-x-3 text-xs">
      {runId && (
        <Link
          href={`/audit?run=${encodeURIComponent(runId)}`}
          className="focus-ring rounded text-accent hover:underline"
          data-testid="timeline-run-link"
        >
          {t('timeline.openRun')}
        </Link>
      )}
      {error && <DriverError message={error} className="text-crit" />}
    </span>
  );
}

export function TimelineEntryBody({ entry }: { entry: TimelineEntry }) {
  const { t } = useT();
  const { data } = entry;
  switch (entry.type) {
    case 'topology_event': {
      const ev = topologyEventOf(data);
      if (!ev) return <Scalars data={data} />;
      return (
        <span className="flex flex-wrap items-baseline gap-x-2 text-xs">
          <span className="font-semibold text-fg">{t(`event.${ev.kind}`)}</span>
          <NodeLink id={ev.nodeId} />
          <EventChange event={ev} />
        </span>
      );
    }
    case 'finding_opened':
    case 'finding_updated':
    case 'finding_resolved':
      return <FindingEntryBody entry={entry} />;
    case 'metric_snapshot':
      return <SnapshotValues data={data} />;
    case 'state_changed': {
      const from = IncidentStateSchema.safeParse(data.from);
      const to = IncidentStateSchema.safeParse(data.to ?? data.state);
      if (!to.success) return <Scalars data={data} />;
      return (
        <span className="flex items-center gap-2">
          {from.success && (
            <>
              <IncidentStateBadge state={from.data} size="sm" />
              <span className="text-fg-subtle">→</span>
            </>
          )}
          <IncidentStateBadge state={to.data} size="sm" />
        </span>
      );
    }
    case 'note': {
      const text = typeof data.text === 'string' ? data.text : null;
      if (!text || text === entry.summary) return null;
      return <p className="whitespace-pre-wrap text-sm text-fg">{text}</p>;
    }
    case 'incident_opened':
      return <Scalars data={data} skip={['title', 'titleZh']} />;
    case 'action':
      return <ActionEntryBody data={data} />;
    default:
      return <Scalars data={data} />;
  }
}
