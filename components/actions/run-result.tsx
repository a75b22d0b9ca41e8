'use client';
// How a run ended: the outcome, the verification checks, the state each node was left in (the
// operator's next starting point) and the audit entry.
import type { ActionRun } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { TableHead } from '@/components/ui/data-table';
import { DriverError } from '@/components/i18n/driver-error';
import { GhostLink } from '@/components/ui/ghost-link';
import { NodeLink } from '@/components/ui/node-link';
import { CriticalIcon } from '@/components/ui/icons';
import { ExternalIcon, RefreshIcon } from '@/components/findings/icons';
import { CheckList } from './check-list';
import { RunStateBadge } from './run-state-badge';

export function auditHrefForRun(runId: string): string {
  return `/audit?run=${encodeURIComponent(runId)}`;
}

function NodeStates({ run }: { run: ActionRun }) {
  const { t, fmt } = useT();
  // The server reports Redis' own words; the known ones are translated.
  const roleText = (r: string | undefined) =>
    r === 'master' || r === 'replica' ? t(`role.${r}`) : (r ?? '—');
  const linkText = (l: string | undefined) =>
    l === 'up' || l === 'down' || l === 'sync' ? t(`link.${l}`) : (l ?? '—');
  return (
    <div className="overflow-x-auto rounded-md border border-border">
      <table className="w-full text-left text-sm" data-testid="action-node-states">
        <TableHead
          padding="px-3 py-1.5"
          columns={[
            { header: t('actions.node.node') },
            { header: t('actions.node.role') },
            { header: t('actions.node.upstream') },
            { header: t('actions.node.link') },
            { header: t('actions.node.offset'), align: 'right' },
          ]}
        />
        <tbody>
          {run.nodeStates.map((n) => (
            <tr
              key={n.nodeId}
              className="border-t border-border align-top"
              data-testid="action-node-state"
            >
              <td className="px-3 py-1.5">
                <NodeLink nodeId={n.nodeId} />
              </td>
              <td className="px-3 py-1.5 text-xs">
                {n.reachable ? (
                  roleText(n.role)
                ) : (
                  <span className="inline-flex items-center gap-1 font-semibold text-crit">
                    <CriticalIcon className="h-3.5 w-3.5" />
                    {t('node.unreachable')}
                  </span>
                )}
                {n.error && (
                  <DriverError message={n.error} className="block text-[11px] text-crit" />
                )}
              </td>
              <td className="px-3 py-1.5 font-mono text-xs">{n.upstream ?? '—'}</td>
              <td className="px-3 py-1.5 text-xs">{linkText(n.linkStatus)}</td>
              <td className="tnum px-3 py-1.5 text-right font-mono text-xs">
                {fmt.number(n.offset)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RunResult({ run, onRevert }: { run: ActionRun; onRevert?: () => void }) {
  const { t, fmt } = useT();
  const duration = run.endedAt ? (run.endedAt - run.startedAt) / 1000 : null;
  return (
    <section
      className="flex flex-col gap-3 border-t border-border pt-4"
      data-testid="action-result"
      data-state={run.state}
      data-run-id={run.id}
    >
      <div className="flex flex-wrap items-center gap-3">
        <RunStateBadge state={run.state} large />
        <span className="text-sm text-fg">{t(`actions.resultText.${run.state}`)}</span>
        {duration !== null && (
          <span className="tnum text-xs text-fg-muted">
            {t('actions.took', { duration: fmt.duration(duration) })}
          </span>
        )}
      </div>
      {run.error && (
        <p
          className="break-words rounded-md border border-crit bg-crit-bg px-3 py-2 font-mono text-xs text-crit"
          role="alert"
        >
          <DriverError message={run.error} />
        </p>
      )}
      {run.verify.length > 0 && (
        <div className="flex flex-col gap-1.5">
          <h3 className="panel-title">{t('actions.verification')}</h3>
          <CheckList checks={run.verify} testId="verify-check" />
        </div>
      )}
      {run.nodeStates.length > 0 && (
        <div className="flex flex-col gap-1.5">
          <h3 className="panel-title">{t('actions.nodeStates')}</h3>
          <NodeStates run={run} />
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <GhostLink href={auditHrefForRun(run.id)} testId="action-audit-link">
          <ExternalIcon className="h-3.5 w-3.5" />
          {t('actions.auditLink')}
        </GhostLink>
        {onRevert && (
          <button
            type="button"
            className="btn-ghost focus-ring"
            onClick={onRevert}
            data-testid="action-revert"
          >
            <RefreshIcon className="h-3.5 w-3.5" />
            {t('actions.planRevert')}
          </button>
        )}
        <span className="font-mono text-[11px] text-fg-subtle">{run.id}</span>
      </div>
    </section>
  );
}
