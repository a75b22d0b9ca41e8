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
import { DataTable, type Column } from '@/components/ui/data-table';
import { LoadErrorAlert } from '@/components/ui/load-error-alert';
import { PageHeader } from '@/components/ui/page-header';
import { actionTitle } from './action-text';
import { ActionDialog } from './action-dialog';
import { AuditRow } from './audit-row';
import { groupAuditRuns } from './audit-groups';
import { AuditVerifyButton } from './audit-verify';

const PAGE = 100;

export function AuditPage({ runId, planId }: { runId?: string; planId?: string }) {
  const { t, locale } = useT();
  const audit = useAudit(PAGE);
  const { catalog } = useActionCatalog();
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const [approvalPlan, setApprovalPlan] = useState(planId);
  const entries = runId ? audit.entries?.filter((e) => e.runId === runId) : audit.entries;
  const shown = entries ? groupAuditRuns(entries) : entries;
  const columns: Column[] = [
    { header: t('audit.col.time'), width: 'w-44' },
    { header: t('audit.col.who'), width: 'w-36' },
    { header: t('audit.col.action'), width: 'w-48' },
    { header: t('audit.col.target'), width: 'w-40' },
    { header: t('audit.col.reason') },
    { header: t('audit.col.result'), width: 'w-64' },
    { header: t('audit.col.commands'), width: 'w-36', align: 'right' },
  ];
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')}>
        <div className="flex flex-wrap items-center gap-2">
          <AuditVerifyButton onResult={setVerify} />
          <button type="button" className="btn-ghost focus-ring h-8" onClick={audit.refresh}>
            <RefreshIcon className="h-3.5 w-3.5" />
            {t('audit.refresh')}
          </button>
        </div>
      </PageHeader>
      {runId && (
        <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="audit-run-filter">
          {t('audit.runFilter')} <code className="font-mono text-xs">{runId}</code>
          <Link href="/audit" className="focus-ring rounded text-accent hover:underline">
            {t('audit.showAll')}
          </Link>
        </p>
      )}
      {audit.error && <LoadErrorAlert message={t('audit.loadError', { message: audit.error })} />}
      <DataTable
        testId="audit-table"
        minWidth="min-w-[1100px]"
        columns={columns}
        rows={shown}
        rowKey={(g) => g.head.id}
        renderRow={(g) => (
          <AuditRow
            entry={g.head}
            earlier={g.earlier}
            actionTitle={actionTitle(g.head.action, catalog?.actions, locale)}
            isBroken={
              verify?.ok === false && [g.head, ...g.earlier].some((e) => e.id === verify.firstBadId)
            }
            isHighlighted={!!runId}
          />
        )}
        emptyText={!shown ? t('audit.loading') : runId ? t('audit.runNotLoaded') : t('audit.empty')}
        emptyTestId="audit-empty"
        older={
          audit.entries && audit.hasOlder
            ? {
                label: t(audit.isLoadingOlder ? 'audit.loading' : 'audit.older'),
                isLoading: audit.isLoadingOlder,
                onLoad: audit.loadOlder,
                testId: 'audit-older',
              }
            : undefined
        }
      />
      {approvalPlan && (
        <ActionDialog planId={approvalPlan} onClose={() => setApprovalPlan(undefined)} />
      )}
    </div>
  );
}
