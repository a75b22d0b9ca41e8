'use client';
// The confirmation the plan asks for: operator click; admin + reason + the node id typed for
// destructive plans; a second admin's approval when the config lists the action. Read-only mode
// and too small a role hide the execute button and say why.
import type { ActionPlan } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import type { Me } from '@/components/hooks/auth-api';
import { ClockIcon, CheckIcon, EyeIcon } from '@/components/findings/icons';
import { CriticalIcon } from '@/components/ui/icons';
import { canApprove, hidesExecute, type ExecuteBlocker } from './confirmation';
import { BlockerList, BlockerText, ExecuteButton, ReasonField, TypedField } from './confirm-fields';

export function approvalHref(planId: string): string {
  return `/audit?plan=${encodeURIComponent(planId)}`;
}

function Approval({
  plan,
  me,
  now,
  onApprove,
  approving,
}: {
  plan: ActionPlan;
  me: Me | null;
  now: number;
  onApprove(): void;
  approving: boolean;
}) {
  const { t, fmt } = useT();
  if (plan.approvedBy)
    return (
      <p
        className="flex items-center gap-2 rounded-md border border-ok/50 bg-ok-bg px-3 py-2 text-sm text-ok"
        data-testid="action-approval"
        data-state="approved"
      >
        <CheckIcon className="h-4 w-4 shrink-0" />
        {t('actions.approvedBy', {
          name: plan.approvedBy,
          time: plan.approvedAt ? fmt.time(plan.approvedAt) : '—',
        })}
      </p>
    );
  const href = approvalHref(plan.id);
  const mayApprove = canApprove(plan, me, now);
  return (
    <div
      className="flex flex-col gap-2 rounded-md border border-warn/50 bg-warn-bg px-3 py-2 text-sm"
      data-testid="action-approval"
      data-state="waiting"
    >
      <p className="flex items-center gap-2 font-semibold text-warn">
        <ClockIcon className="h-4 w-4 shrink-0" />
        {t('actions.approvalWaiting')}
      </p>
      {mayApprove ? (
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-fg">{t('actions.approvalAsk', { name: plan.createdBy })}</span>
          <button
            type="button"
            onClick={onApprove}
            disabled={approving}
            className="focus-ring inline-flex h-8 items-center gap-1.5 rounded-md bg-accent px-3 text-xs font-semibold text-white disabled:opacity-50"
            data-testid="action-approve"
          >
            <CheckIcon className="h-3.5 w-3.5" />
            {t(approving ? 'actions.approving' : 'actions.approve')}
          </button>
        </div>
      ) : (
        <p className="text-fg">
          {t('actions.approvalShare')}{' '}
          <a
            href={href}
            className="focus-ring break-all rounded font-mono text-xs text-accent hover:underline"
            data-testid="action-approval-link"
          >
            {href}
          </a>
        </p>
      )}
    </div>
  );
}

export interface ConfirmPanelProps {
  plan: ActionPlan;
  me: Me | null;
  now: number;
  blockers: readonly ExecuteBlocker[];
  typed: string;
  reason: string;
  onTyped(v: string): void;
  onReason(v: string): void;
  onExecute(): void;
  executing: boolean;
  onApprove(): void;
  approving: boolean;
  error: string | null;
}

/** Why the execute button is hidden (read-only mode, too small a role). */
function ExecuteHidden({
  blockers,
  isReadOnly,
}: {
  blockers: readonly ExecuteBlocker[];
  isReadOnly: boolean;
}) {
  const { t } = useT();
  const hiding = blockers.filter((b) => hidesExecute([b]));
  return (
    <p
      className="flex items-start gap-2 rounded-md border border-border bg-surface-2 px-3 py-2 text-sm text-fg"
      data-testid="action-disabled"
      data-reason={hiding[0]?.kind}
    >
      <EyeIcon className="mt-0.5 h-4 w-4 shrink-0 text-fg-muted" />
      <span>
        {hiding.map((b) => (
          <BlockerText key={b.kind} b={b} />
        ))}
        {isReadOnly && <span className="block text-fg-muted">{t('actions.readOnlyHint')}</span>}
      </span>
    </p>
  );
}

/** The inputs the plan asks for, what still blocks it, and the execute button. */
function ExecuteForm(p: ConfirmPanelProps) {
  const { t } = useT();
  const { plan, blockers } = p;
  const c = plan.confirmation;
  // The inputs' own hints already say what is missing there.
  const listed = blockers.filter(
    (b) =>
      !(b.kind === 'typed_mismatch' && p.typed === '') &&
      !(b.kind === 'reason_missing' && p.reason === ''),
  );
  return (
    <>
      <p className="text-sm text-fg-muted">
        {plan.destructive
          ? t('actions.confirmDestructive')
          : t('actions.confirmOperator', { role: t(`auth.role.${c.role}`) })}
      </p>
      {c.typed !== undefined && (
        <TypedField expected={c.typed} value={p.typed} onChange={p.onTyped} />
      )}
      <ReasonField isRequired={c.reasonRequired} value={p.reason} onChange={p.onReason} />
      <BlockerList blockers={listed} />
      <ExecuteButton
        plan={plan}
        isDisabled={blockers.length > 0 || p.executing}
        isExecuting={p.executing}
        onExecute={p.onExecute}
      />
    </>
  );
}

export function ConfirmPanel(p: ConfirmPanelProps) {
  const { t } = useT();
  const { plan, blockers } = p;
  const readOnly = blockers.some((b) => b.kind === 'read_only');
  return (
    <section
      className="flex flex-col gap-3 border-t border-border pt-4"
      data-testid="action-confirm"
      aria-label={t('actions.confirm')}
    >
      <h3 className="panel-title">{t('actions.confirm')}</h3>
      {plan.confirmation.approvalRequired && !readOnly && (
        <Approval
          plan={plan}
          me={p.me}
          now={p.now}
          onApprove={p.onApprove}
          approving={p.approving}
        />
      )}
      {hidesExecute(blockers) ? (
        <ExecuteHidden blockers={blockers} isReadOnly={readOnly} />
      ) : (
        <ExecuteForm {...p} />
      )}
      {p.error && (
        <p
          role="alert"
          className="flex items-start gap-2 rounded-md border border-crit bg-crit-bg px-3 py-2 text-sm text-crit"
          data-testid="action-error"
        >
          <CriticalIcon className="mt-0.5 h-4 w-4 shrink-0" />
          {p.error}
        </p>
      )}
    </section>
  );
}
