'use client';
// The audit trail: every run, refusal and approval with who, role, reason and the commands,
// hash-chained so an edit or a gap shows up under "Verify chain". `?run=` narrows it to one run;
// `?plan=` opens that plan (the link a planner sends to the second admin who must approve).
import Link from 'next/link';
import { useState } from 'react';
import type { AuditVerify } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { useAudit } from '@/components/hooks/use-audit';
import { useActionCatalog } from '@/components/hooks/use-action-catalog';
import { RefreshIcon } from '@/components/findings/icons';
import { actionTitle } from './action-text';
import { ActionDialog } from './action-dialog';
import { AuditRow } from './audit-row';
import { AuditVerifyButton } from './audit-verify';

const PAGE = 100;

export function AuditPage({ runId, planId }: { runId?: string; planId?: string }) {
  const { t, locale } = useT();
  const audit = useAudit(PAGE);
  const { catalog } = useActionCatalog();
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const [approvalPlan, setApprovalPlan] = useState(planId);
  const shown = runId ? audit.entries?.filter((e) => e.runId === runId) : audit.entries;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">{t('audit.title')}</h1>
          <p className="text-sm text-fg-muted">{t('audit.subtitle')}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <AuditVerifyButton onResult={setVerify} />
          <button type="button" className="btn-ghost focus-ring h-8" onClick={audit.refresh}>
            <RefreshIcon className="h-3.5 w-3.5" />
            {t('audit.refresh')}
          </button>
        </div>
      </div>
      {runId && (
        <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="audit-run-filter">
          {t('audit.runFilter')} <code className="font-mono text-xs">{runId}</code>
          <Link href="/audit" className="focus-ring rounded text-accent hover:underline">
            {t('audit.showAll')}
          </Link>
        </p>
      )}
      {audit.error && (
        <p
          className="rounded-md border border-warn bg-warn-bg px-3 py-2 text-sm text-warn"
          role="alert"
        >
          {t('audit.loadError', { message: audit.error })}
        </p>
      )}
      <div className="panel overflow-x-auto">
        <table
          className="w-full min-w-[1100px] table-fixed text-left text-sm"
          data-testid="audit-table"
        >
          <colgroup>
            <col className="w-44" />
            <col className="w-36" />
            <col className="w-48" />
            <col className="w-40" />
            <col />
            <col className="w-64" />
            <col className="w-36" />
          </colgroup>
          <thead className="bg-surface-2">
            <tr className="panel-title">
              <th scope="col" className="px-3 py-2 font-semibold">
                {t('audit.col.time')}
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                {t('audit.col.who')}
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                {t('audit.col.action')}
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                {t('audit.col.target')}
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                {t('audit.col.reason')}
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                {t('audit.col.result')}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-semibold">
                {t('audit.col.commands')}
              </th>
            </tr>
          </thead>
          <tbody>
            {!shown || shown.length === 0 ? (
              <tr>
                <td
                  colSpan={7}
                  className="px-4 py-8 text-center text-fg-muted"
                  data-testid="audit-empty"
                >
                  {!shown ? t('audit.loading') : runId ? t('audit.runNotLoaded') : t('audit.empty')}
                </td>
              </tr>
            ) : (
              shown.map((e) => (
                <AuditRow
                  key={e.id}
                  entry={e}
                  actionTitle={actionTitle(e.action, catalog?.actions, locale)}
                  isBroken={verify?.ok === false && verify.firstBadId === e.id}
                  isHighlighted={!!runId}
                />
              ))
            )}
          </tbody>
        </table>
      </div>
      {audit.entries && audit.hasOlder && (
        <div className="flex justify-center">
          <button
            type="button"
            className="btn-ghost focus-ring h-8"
            onClick={audit.loadOlder}
            disabled={audit.isLoadingOlder}
            data-testid="audit-older"
          >
            {t(audit.isLoadingOlder ? 'audit.loading' : 'audit.older')}
          </button>
        </div>
      )}
      {approvalPlan && (
        <ActionDialog planId={approvalPlan} onClose={() => setApprovalPlan(undefined)} />
      )}
    </div>
  );
}
