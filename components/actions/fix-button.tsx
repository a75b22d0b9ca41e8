'use client';
// "Fix" on a finding whose remedy names a guarded action: opens the repair dialog prefilled. The
// dialog lives in the page's ActionDialogHost, so it outlasts this button (and the finding).
import { useMemo } from 'react';
import type { Finding } from '@/lib/contracts';
import { planRequestFromFinding } from '@/lib/actions/from-finding';
import { useT } from '@/components/i18n/i18n-provider';
import { BoltIcon } from '@/components/findings/icons';
import { openActionDialog } from './dialog-host';

export function FixButton({ finding }: { finding: Finding }) {
  const { t } = useT();
  const request = useMemo(() => planRequestFromFinding(finding), [finding]);
  if (!request || finding.state !== 'open') return null;
  return (
    <>
      <button
        type="button"
        onClick={() => openActionDialog({ request, finding })}
        className="focus-ring inline-flex items-center gap-1.5 rounded-md border border-accent/60 bg-accent/10 px-2.5 py-1 text-xs font-semibold text-accent hover:bg-accent/20"
        data-testid="finding-fix"
        data-action={request.action}
        title={t('actions.fixHint', { action: request.action })}
      >
        <BoltIcon className="h-3.5 w-3.5" />
        {t('actions.fix')}
      </button>
    </>
  );
}
