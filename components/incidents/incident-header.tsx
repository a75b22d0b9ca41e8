'use client';
// Incident identity and lifecycle: state, severity, root node, who acknowledged and resolved
// when, and the Acknowledge / Resolve / Export postmortem actions.
import Link from 'next/link';
import { useState } from 'react';
import type { Incident } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { useNow } from '@/components/hooks/use-now';
import { canOperate, useMe } from '@/components/hooks/use-me';
import type { UserRole } from '@/components/hooks/auth-api';
import { errorMessage } from '@/components/hooks/api-client';
import {
  acknowledgeIncident,
  postmortemHref,
  resolveIncident,
} from '@/components/hooks/incidents-api';
import { SeverityBadge } from '@/components/findings/severity-badge';
import { CheckIcon, DownloadIcon, EyeIcon, UserIcon } from '@/components/findings/icons';
import { nodeHref } from '@/components/topology/node-card';
import { IncidentStateBadge } from './incident-state-badge';
import { RootNodeLink } from './root-node-link';
import { incidentTitle } from './incident-text';
import { incidentDurationMs } from './incident-window';
import type { OperatorPrompt } from './operator-prompt';

function Fact({
  label,
  children,
  testId,
}: {
  label: string;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5" data-testid={testId}>
      <dt className="panel-title">{label}</dt>
      <dd className="min-w-0 text-sm text-fg">{children}</dd>
    </div>
  );
}

function When({ at, by }: { at: number | undefined; by: string | undefined }) {
  const { t, fmt } = useT();
  if (at === undefined) return <span className="text-fg-subtle">{t('incident.notYet')}</span>;
  return (
    <span className="flex flex-col">
      <span className="tnum font-mono" title={fmt.dateTime(at)}>
        {fmt.dateTime(at)}
      </span>
      {by && (
        <span className="flex items-center gap-1 text-xs text-fg-muted">
          <UserIcon className="h-3 w-3" />
          {t('incident.by', { actor: by })}
        </span>
      )}
    </span>
  );
}

function Duration({ incident }: { incident: Incident }) {
  const { fmt } = useT();
  const now = useNow();
  return (
    <span className="tnum font-mono">
      {fmt.duration(incidentDurationMs(incident, now || incident.openedAt) / 1000)}
    </span>
  );
}

const PRIMARY =
  'focus-ring inline-flex h-8 items-center gap-1.5 rounded-md px-3 text-xs font-semibold disabled:cursor-not-allowed disabled:opacity-40';

/** Acknowledge / Resolve through the API, with the operator's name; one at a time. */
function useLifecycle(
  incident: Incident,
  operator: OperatorPrompt,
  onChanged: (incident: Incident) => void,
) {
  const [busy, setBusy] = useState<'ack' | 'resolve' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (which: 'ack' | 'resolve') => {
    const actor = await operator.ensureName();
    if (!actor) return;
    setBusy(which);
    setError(null);
    try {
      const fn = which === 'ack' ? acknowledgeIncident : resolveIncident;
      onChanged(await fn(incident.id, actor));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, run };
}

function LifecycleButtons({
  incident,
  busy,
  isViewer,
  run,
}: {
  incident: Incident;
  busy: 'ack' | 'resolve' | null;
  isViewer: boolean;
  run: (which: 'ack' | 'resolve') => Promise<void>;
}) {
  const { t } = useT();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        data-testid="ack-button"
        disabled={incident.state !== 'open' || busy !== null || isViewer}
        onClick={() => void run('ack')}
        className={`${PRIMARY} bg-accent text-white hover:brightness-110`}
      >
        <EyeIcon className="h-4 w-4" />
        {busy === 'ack' ? t('incident.saving') : t('incident.acknowledge')}
      </button>
      <button
        type="button"
        data-testid="resolve-button"
        disabled={incident.state === 'resolved' || busy !== null || isViewer}
        onClick={() => void run('resolve')}
        className={`${PRIMARY} border border-ok bg-ok-bg text-ok hover:brightness-105`}
      >
        <CheckIcon className="h-4 w-4" />
        {busy === 'resolve' ? t('incident.saving') : t('incident.resolve')}
      </button>
      <a
        href={postmortemHref(incident.id)}
        download
        data-testid="postmortem-link"
        title={t('incident.postmortemHint')}
        className="btn-ghost h-8"
      >
        <DownloadIcon className="h-4 w-4" />
        {t('incident.postmortem')}
      </a>
    </div>
  );
}

/** Who the buttons act as, or why a viewer has none to press. */
function ActingAs({
  operator,
  viewerRole,
}: {
  operator: OperatorPrompt;
  viewerRole: UserRole | null;
}) {
  const { t } = useT();
  if (viewerRole) {
    return (
      <span className="text-xs text-fg-muted" data-testid="needs-operator">
        {t('auth.needsOperator', { role: t(`auth.role.${viewerRole}`) })}
      </span>
    );
  }
  if (!operator.name) return null;
  return (
    <span className="flex items-center gap-1.5 text-xs text-fg-muted">
      <UserIcon className="h-3.5 w-3.5" />
      {t('incident.actingAs', { name: operator.name })}
      {!operator.isSessionUser && (
        <button
          type="button"
          className="focus-ring rounded text-accent hover:underline"
          onClick={() => void operator.askName()}
        >
          {t('incident.changeName')}
        </button>
      )}
    </span>
  );
}

function IncidentFacts({ incident }: { incident: Incident }) {
  const { t } = useT();
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 xl:grid-cols-6">
      <Fact label={t('incident.root')}>
        <RootNodeLink nodeId={incident.rootNodeId} />
      </Fact>
      <Fact label={t('incident.opened')}>
        <When at={incident.openedAt} by={undefined} />
      </Fact>
      <Fact label={t('incident.acknowledged')} testId="incident-acknowledged">
        <When at={incident.acknowledgedAt} by={incident.acknowledgedBy} />
      </Fact>
      <Fact label={t('incident.resolved')} testId="incident-resolved">
        <When at={incident.resolvedAt} by={incident.resolvedBy} />
      </Fact>
      <Fact label={t('incident.duration')}>
        <Duration incident={incident} />
      </Fact>
      <Fact label={t('incident.nodes')}>
        <span className="flex flex-wrap gap-x-2 font-mono text-xs">
          {incident.nodeIds.length === 0
            ? '—'
            : incident.nodeIds.map((id) => (
                <Link key={id} href={nodeHref(id)} className="focus-ring rounded hover:underline">
                  {id}
                </Link>
              ))}
        </span>
      </Fact>
    </dl>
  );
}

export function IncidentHeader({
  incident,
  operator,
  onChanged,
}: {
  incident: Incident;
  operator: OperatorPrompt;
  onChanged: (incident: Incident) => void;
}) {
  const { t, locale } = useT();
  const { me } = useMe();
  // A viewer would get 403: say so instead of offering the buttons (unknown until /me answers).
  const isViewer = me !== null && !canOperate(me);
  const { busy, error, run } = useLifecycle(incident, operator, onChanged);

  return (
    <section
      className="panel flex flex-col gap-4 p-5"
      data-testid="incident-header"
      data-state={incident.state}
      data-severity={incident.severity}
    >
      <div className="flex flex-wrap items-start gap-x-4 gap-y-3">
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <IncidentStateBadge state={incident.state} size="lg" />
            <SeverityBadge severity={incident.severity} size="lg" />
            <span className="font-mono text-xs text-fg-subtle">#{incident.id}</span>
          </div>
          <h1 className="text-2xl font-semibold tracking-tight text-fg">
            {incidentTitle(incident, locale)}
          </h1>
        </div>
        <div className="flex flex-col items-end gap-2">
          <LifecycleButtons incident={incident} busy={busy} isViewer={isViewer} run={run} />
          <ActingAs operator={operator} viewerRole={isViewer ? (me?.user?.role ?? null) : null} />
        </div>
      </div>
      {error && (
        <p
          className="rounded-md border border-crit bg-crit-bg px-3 py-2 text-sm text-crit"
          role="alert"
        >
          {t('incident.actionError', { message: error })}
        </p>
      )}
      <IncidentFacts incident={incident} />
    </section>
  );
}
