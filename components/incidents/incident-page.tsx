'use client';
// The incident page: lifecycle header, lag around the window, timeline, notes, the SOP
// checklist and the findings with their evidence, roots first with their consequences folded.
import Link from 'next/link';
import { useMemo } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { useIncident, type UseIncident } from '@/components/hooks/use-incident';
import type { IncidentDetail } from '@/lib/contracts';
import { DetailGate } from '@/components/layout/detail-gate';
import { useTopology } from '@/components/hooks/use-topology';
import { FindingGroupItem } from '@/components/findings/finding-group';
import { SEVERITY_STATUS } from '@/components/findings/severity-badge';
import { foldFindings } from '@/components/findings/findings-state';
import { ChevronRightIcon } from '@/components/ui/icons';
import { IncidentHeader } from './incident-header';
import { IncidentLagChart } from './incident-lag-chart';
import { IncidentTimeline } from './incident-timeline';
import { NoteForm } from './note-form';
import { useOperatorPrompt, type OperatorPrompt } from './operator-prompt';
import { SopChecklist } from './sop-checklist';
import { incidentTitle } from './incident-text';

/** The page once the incident is known: header, then lag, timeline and notes beside SOP and findings. */
function IncidentBody({
  detail,
  state,
  operator,
}: {
  detail: IncidentDetail;
  state: UseIncident;
  operator: OperatorPrompt;
}) {
  const { t } = useT();
  const topo = useTopology();
  const links = useMemo(() => Object.values(topo.links), [topo.links]);
  const findings = useMemo(() => foldFindings(detail.findings), [detail.findings]);
  return (
    <>
      <IncidentHeader
        incident={detail}
        operator={operator}
        onChanged={(i) => {
          state.applyIncident(i);
          state.reload();
        }}
      />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_420px]">
        <div className="flex min-w-0 flex-col gap-5">
          <IncidentLagChart incident={detail} links={links} />
          <IncidentTimeline
            entries={detail.timeline}
            openedAt={detail.openedAt}
            severity={SEVERITY_STATUS[detail.severity]}
            nodeIds={detail.nodeIds}
          />
          <NoteForm
            incidentId={detail.id}
            operator={operator}
            onAdded={(e) => {
              state.appendEntry(e);
              state.reload();
            }}
          />
        </div>
        <div className="flex min-w-0 flex-col gap-5">
          <SopChecklist incident={detail} />
          <section
            className="panel min-w-0"
            aria-labelledby="inc-findings-title"
            data-testid="incident-findings"
          >
            <h2 id="inc-findings-title" className="panel-title border-b border-border px-4 py-2.5">
              {t('incident.findings')} ({findings.length})
            </h2>
            <ul className="divide-y divide-border">
              {findings.map((g) => (
                <FindingGroupItem key={g.root.id} group={g} showIncidentLink={false} />
              ))}
            </ul>
          </section>
        </div>
      </div>
    </>
  );
}

export function IncidentPage({ incidentId }: { incidentId: string }) {
  const { t, locale } = useT();
  const state = useIncident(incidentId);
  const operator = useOperatorPrompt();
  const { detail } = state;

  return (
    <div className="flex flex-col gap-5">
      <nav aria-label={t('nodePage.breadcrumb')} className="flex items-center gap-1.5 text-sm">
        <Link
          href="/incidents"
          className="focus-ring rounded text-fg-muted hover:text-fg hover:underline"
        >
          {t('nav.incidents')}
        </Link>
        <ChevronRightIcon className="h-4 w-4 text-fg-subtle" />
        <span className="truncate text-fg" aria-current="page">
          {detail ? incidentTitle(detail, locale) : incidentId}
        </span>
      </nav>
      <DetailGate
        notFound={state.isNotFound && !detail ? t('incident.notFound', { id: incidentId }) : null}
        notFoundTestId="incident-not-found"
        pending={
          !detail
            ? state.error
              ? t('incident.loadError', { message: state.error })
              : t('incident.loading')
            : null
        }
        stale={state.error ? t('incident.stale', { message: state.error }) : null}
      >
        {detail && <IncidentBody detail={detail} state={state} operator={operator} />}
      </DetailGate>
      {operator.dialog}
    </div>
  );
}
