'use client';
// "Verify chain": the server recomputes every entry's hash; an edit or a gap names its entry.
import { useState } from 'react';
import type { AuditVerify } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { errorMessage } from '@/components/hooks/api-client';
import { verifyAudit } from '@/components/hooks/actions-api';
import { CriticalIcon, OkIcon, SyncIcon } from '@/components/ui/icons';
import { CheckIcon } from '@/components/findings/icons';

export function AuditVerifyButton({ onResult }: { onResult(r: AuditVerify | null): void }) {
  const { t, fmt } = useT();
  const [result, setResult] = useState<AuditVerify | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isChecking, setIsChecking] = useState(false);
  const run = async () => {
    setIsChecking(true);
    setError(null);
    try {
      const r = await verifyAudit();
      setResult(r);
      onResult(r);
    } catch (err) {
      setResult(null);
      onResult(null);
      setError(errorMessage(err));
    } finally {
      setIsChecking(false);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className="btn-ghost focus-ring h-8"
        onClick={() => void run()}
        disabled={isChecking}
        data-testid="audit-verify"
      >
        {isChecking ? (
          <SyncIcon className="h-3.5 w-3.5 animate-spin motion-reduce:animate-none" />
        ) : (
          <CheckIcon className="h-3.5 w-3.5" />
        )}
        {t('audit.verify')}
      </button>
      {result && (
        <span
          role="status"
          data-testid="audit-verify-result"
          data-ok={result.ok ? 'true' : 'false'}
          data-first-bad-id={result.firstBadId}
          data-truncated-after={result.truncatedAfter}
          className={`inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-sm font-semibold ring-1 ring-inset ${result.ok ? 'bg-ok-bg text-ok ring-ok/40' : 'bg-crit-bg text-crit ring-crit/50'}`}
          title={result.problem}
        >
          {result.ok ? <OkIcon className="h-4 w-4" /> : <CriticalIcon className="h-4 w-4" />}
          {result.ok
            ? t('audit.intact', { n: fmt.number(result.entries) })
            : result.firstBadId !== undefined
              ? t('audit.brokenAt', { id: result.firstBadId })
              : result.truncatedAfter !== undefined
                ? t('audit.truncatedAfter', { id: result.truncatedAfter })
                : t('audit.broken')}
          {!result.ok && result.problem && <span className="font-normal">· {result.problem}</span>}
        </span>
      )}
      {error && (
        <span role="alert" className="text-sm text-crit">
          {t('audit.verifyError', { message: error })}
        </span>
      )}
    </div>
  );
}
