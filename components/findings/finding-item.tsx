'use client';
// One finding: severity, title in the current language, subject, cause, age, links to its node
// and incident, a Fix button when a guarded action applies; expands to the detail, the evidence
// and the remedy.
import { useId, useState } from 'react';
import type { Finding } from '@/lib/contracts';
import { ruleText } from '@/components/i18n/code-labels';
import { useT } from '@/components/i18n/i18n-provider';
import { nodeHref } from '@/components/topology/node-card';
import { STATUS_TONE } from '@/components/ui/status';
import { GhostLink } from '@/components/ui/ghost-link';
import { NodeLink } from '@/components/ui/node-link';
import { FixButton } from '@/components/actions/fix-button';
import { ChevronRightIcon } from '@/components/ui/icons';
import { EvidenceList } from './evidence-list';
import { BoltIcon, ChevronDownIcon, FlagIcon } from './icons';
import { SEVERITY_STATUS, SeverityBadge } from './severity-badge';
import { TimeAgo } from './time-ago';

export function incidentHref(id: string): string {
  return `/incidents/${encodeURIComponent(id)}`;
}

function Subject({ finding }: { finding: Finding }) {
  if (finding.link)
    return (
      <span className="inline-flex min-w-0 items-baseline gap-1">
        <NodeLink nodeId={finding.link.replica} className="text-fg" title={finding.link.replica} />
        <span className="text-fg-subtle">→</span>
        <NodeLink
          nodeId={finding.link.upstream}
          className="text-fg"
          title={finding.link.upstream}
        />
      </span>
    );
  if (finding.nodeId)
    return <NodeLink nodeId={finding.nodeId} className="text-fg" title={finding.nodeId} />;
  return null;
}

/** Title, kind, subject, cause (with how sure) and the rule that decided it. */
function Headline({ finding }: { finding: Finding }) {
  const { t, locale } = useT();
  return (
    <div className="flex min-w-0 flex-1 basis-64 flex-col gap-0.5">
      <span className="text-sm font-semibold leading-5 text-fg">
        {locale === 'zh-CN' ? finding.title.zh : finding.title.en}
      </span>
      <span className="flex min-w-0 flex-wrap items-baseline gap-x-2 gap-y-0.5 text-xs text-fg-muted">
        <span className="font-medium">{t(`kind.${finding.kind}`)}</span>
        <Subject finding={finding} />
        {finding.cause && (
          <span className="rounded bg-surface-3 px-1.5 py-px text-[11px] font-medium text-fg">
            {t('findings.cause')}: {t(`cause.${finding.cause}`)}
            {finding.confidence && (
              <span
                data-testid="finding-confidence"
                title={t(`confidence.${finding.confidence}Hint`)}
                className="ml-1 text-fg-muted"
              >
                ({t(`confidence.${finding.confidence}`)})
              </span>
            )}
          </span>
        )}
        {finding.rule && (
          <span
            className="rounded bg-surface-3 px-1.5 py-px text-[11px] text-fg"
            title={finding.rule}
          >
            {ruleText(finding.rule, t)}
          </span>
        )}
      </span>
    </div>
  );
}

/** When it opened (or resolved), Fix, the node and incident links. */
function Aside({ finding, showIncidentLink }: { finding: Finding; showIncidentLink: boolean }) {
  const { t, fmt } = useT();
  const nodeId = finding.nodeId ?? finding.link?.replica;
  return (
    <>
      {finding.state === 'resolved' && finding.resolvedAt !== undefined ? (
        <span className="tnum font-medium text-ok" title={fmt.dateTime(finding.resolvedAt)}>
          {t('findings.resolvedAt', { time: fmt.time(finding.resolvedAt) })}
        </span>
      ) : (
        <TimeAgo
          at={finding.openedAt}
          className="tnum text-fg-muted"
          render={(ago) => t('findings.opened', { ago })}
        />
      )}
      {finding.remedy.actionId && <FixButton finding={finding} />}
      {nodeId && (
        <GhostLink href={nodeHref(nodeId)} testId="finding-node-link">
          {t('findings.nodePage')}
          <ChevronRightIcon className="h-3.5 w-3.5" />
        </GhostLink>
      )}
      {showIncidentLink && finding.incidentId && (
        <GhostLink href={incidentHref(finding.incidentId)} testId="finding-incident-link">
          <FlagIcon className="h-3.5 w-3.5" />
          {t('findings.incident')}
        </GhostLink>
      )}
    </>
  );
}

/** The expanded part: detail, evidence, remedy, last seen. */
function Detail({ finding, id }: { finding: Finding; id: string }) {
  const { t, fmt, locale } = useT();
  const zh = locale === 'zh-CN';
  return (
    <div id={id} className="flex flex-col gap-3 pb-3 pl-4 pr-3" data-testid="finding-detail">
      <p className="text-sm leading-6 text-fg">{zh ? finding.detail.zh : finding.detail.en}</p>
      <div className="flex flex-col gap-1.5">
        <h4 className="panel-title">{t('findings.evidence')}</h4>
        <EvidenceList evidence={finding.evidence} severity={finding.severity} />
      </div>
      <div
        className="flex flex-col gap-1.5 rounded-md border border-accent/40 bg-accent/5 px-3 py-2"
        data-testid="finding-remedy"
      >
        <h4 className="panel-title flex items-center gap-1.5 text-accent">
          <BoltIcon className="h-3.5 w-3.5" />
          {t('findings.remedy')}
        </h4>
        <p className="whitespace-pre-line text-sm leading-6 text-fg">
          {zh ? finding.remedy.textZh : finding.remedy.text}
        </p>
        {finding.remedy.actionId && (
          <span className="font-mono text-xs text-fg-muted">
            {t('findings.action', { id: finding.remedy.actionId })}
          </span>
        )}
      </div>
      <span className="tnum text-xs text-fg-subtle">
        {t('findings.lastSeen', { time: fmt.dateTime(finding.lastSeenAt) })}
      </span>
    </div>
  );
}

export function FindingItem({
  finding,
  showIncidentLink = true,
  defaultOpen = false,
}: {
  finding: Finding;
  showIncidentLink?: boolean;
  defaultOpen?: boolean;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(defaultOpen);
  const bodyId = useId();
  const tone = STATUS_TONE[SEVERITY_STATUS[finding.severity]];
  const isResolved = finding.state === 'resolved';
  return (
    <li
      data-testid="finding"
      data-finding-id={finding.id}
      data-kind={finding.kind}
      data-severity={finding.severity}
      data-node-id={finding.nodeId ?? finding.link?.replica}
      data-state={finding.state}
      className="relative"
    >
      <span
        aria-hidden="true"
        className={`absolute inset-y-0 left-0 w-1 ${isResolved ? 'bg-ok' : tone.solid}`}
      />
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1 py-2.5 pl-4 pr-3">
        <SeverityBadge severity={finding.severity} />
        <Headline finding={finding} />
        <div className="ml-auto flex shrink-0 items-center gap-2 text-xs">
          <Aside finding={finding} showIncidentLink={showIncidentLink} />
          <button
            type="button"
            onClick={() => setOpen((v) => !v)}
            aria-expanded={open}
            aria-controls={bodyId}
            title={t(open ? 'findings.collapse' : 'findings.expand')}
            aria-label={t(open ? 'findings.collapse' : 'findings.expand')}
            data-testid="finding-toggle"
            className="btn-ghost h-7 w-7 justify-center p-0"
          >
            <ChevronDownIcon
              className={`h-4 w-4 transition-transform ${open ? 'rotate-180' : ''}`}
            />
          </button>
        </div>
      </div>
      {open && <Detail finding={finding} id={bodyId} />}
    </li>
  );
}
