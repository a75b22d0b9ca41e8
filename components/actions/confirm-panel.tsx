'use client';
// The confirmation the plan asks for: operator click; admin + reason + the node id typed for
// destructive plans; a second admin's approval when the config lists the action. Read-only mode
// and too small a role hide the execute button and say why.
import { useId } from 'react';
import type { ActionPlan } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import type { Me } from '@/components/hooks/auth-api';
import { ClockIcon, CheckIcon, EyeIcon } from '@/components/findings/icons';
import { CriticalIcon, WarningIcon } from '@/components/ui/icons';
import type { MessageKey } from '@/lib/i18n';
import { canApprove, hidesExecute, type ExecuteBlocker } from './confirmation';

export function approvalHref(planId: string): string {
  return `/audit?plan=${encodeURIComponent(planId)}`;
}

function BlockerText({ b }: { b: ExecuteBlocker }) {
  const { t } = useT();
  switch (b.kind) {
    case 'role':
      return b.have
        ? t('actions.block.role', {
            role: t(`auth.role.${b.needed}`),
            have: t(`auth.role.${b.have}`),
          })
        : t('actions.block.roleAnonymous', { role: t(`auth.role.${b.needed}`) });
    case 'typed_mismatch':
      return t('actions.block.typed', { id: b.expected });
    case 'approver_cannot_run':
      return t('actions.block.approverCannotRun', { name: b.approver });
    default:
      return t(`actions.block.${b.kind}` as MessageKey);
  }
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

// Long on purpose: markup only (no state or effects: the dialog's reducer owns them); the
// sections read one plan and a split would only hand it down.
export function ConfirmPanel(p: ConfirmPanelProps) {
  const { t } = useT();
  const typedId = useId();
  const reasonId = useId();
  const { plan, blockers } = p;
  const c = plan.confirmation;
  const hidden = hidesExecute(blockers);
  const readOnly = blockers.some((b) => b.kind === 'read_only');
  const typedOk = c.typed !== undefined && p.typed.trim() === c.typed;
  // The inputs' own hints already say what is missing there.
  const listed = blockers.filter(
    (b) =>
      !(b.kind === 'typed_mismatch' && p.typed === '') &&
      !(b.kind === 'reason_missing' && p.reason === ''),
  );
  return (
    <section
      className="flex flex-col gap-3 border-t border-border pt-4"
      data-testid="action-confirm"
      aria-label={t('actions.confirm')}
    >
      <h3 className="panel-title">{t('actions.confirm')}</h3>
      {c.approvalRequired && !readOnly && (
        <Approval
          plan={plan}
          me={p.me}
          now={p.now}
          onApprove={p.onApprove}
          approving={p.approving}
        />
      )}
      {hidden ? (
        <p
          className="flex items-start gap-2 rounded-md border border-border bg-surface-2 px-3 py-2 text-sm text-fg"
          data-testid="action-disabled"
          data-reason={blockers.find((b) => hidesExecute([b]))?.kind}
        >
          <EyeIcon className="mt-0.5 h-4 w-4 shrink-0 text-fg-muted" />
          <span>
            {blockers
              .filter((b) => hidesExecute([b]))
              .map((b) => (
                <BlockerText key={b.kind} b={b} />
              ))}
            {readOnly && <span className="block text-fg-muted">{t('actions.readOnlyHint')}</span>}
          </span>
        </p>
      ) : (
        <>
          <p className="text-sm text-fg-muted">
            {plan.destructive
              ? t('actions.confirmDestructive')
              : t('actions.confirmOperator', { role: t(`auth.role.${c.role}`) })}
          </p>
          {c.typed !== undefined && (
            <label htmlFor={typedId} className="flex flex-col gap-1.5">
              <span className="text-xs font-semibold text-fg-muted">
                {t('actions.typedLabel')}{' '}
                <code className="select-all rounded bg-surface-3 px-1 font-mono text-fg">
                  {c.typed}
                </code>
              </span>
              <span className="flex items-center gap-2">
                <input
                  id={typedId}
                  value={p.typed}
                  onChange={(e) => p.onTyped(e.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={c.typed}
                  aria-invalid={p.typed !== '' && !typedOk}
                  className="focus-ring h-9 w-full max-w-sm rounded-md border border-border bg-surface-2 px-3 font-mono text-sm"
                  data-testid="confirm-typed"
                />
                {typedOk && (
                  <span className="flex items-center gap-1 text-xs font-medium text-ok">
                    <CheckIcon className="h-4 w-4" />
                    {t('actions.typedOk')}
                  </span>
                )}
              </span>
            </label>
          )}
          <label htmlFor={reasonId} className="flex flex-col gap-1.5">
            <span className="text-xs font-semibold text-fg-muted">
              {t(c.reasonRequired ? 'actions.reasonRequired' : 'actions.reasonOptional')}
            </span>
            <textarea
              id={reasonId}
              value={p.reason}
              onChange={(e) => p.onReason(e.target.value)}
              maxLength={1000}
              rows={2}
              placeholder={t('actions.reasonPlaceholder')}
              className="focus-ring rounded-md border border-border bg-surface-2 px-3 py-2 text-sm"
              data-testid="confirm-reason"
            />
          </label>
          {listed.length > 0 && (
            <ul className="flex flex-col gap-0.5 text-sm text-warn" data-testid="action-blockers">
              {listed.map((b) => (
                <li key={b.kind} className="flex items-start gap-1.5">
                  <WarningIcon className="mt-0.5 h-4 w-4 shrink-0" />
                  <BlockerText b={b} />
                </li>
              ))}
            </ul>
          )}
          <div className="flex justify-end">
            <button
              type="button"
              onClick={p.onExecute}
              disabled={blockers.length > 0 || p.executing}
              className={`focus-ring inline-flex h-9 items-center gap-1.5 rounded-md px-4 text-sm font-semibold text-white disabled:cursor-not-allowed disabled:opacity-50 ${plan.destructive ? 'bg-crit' : 'bg-accent'}`}
              data-testid="action-execute"
            >
              {plan.destructive && <WarningIcon className="h-4 w-4" />}
              {t(
                p.executing
                  ? 'actions.starting'
                  : plan.destructive
                    ? 'actions.executeDestructive'
                    : 'actions.execute',
                {
                  n: plan.steps.length,
                },
              )}
            </button>
          </div>
        </>
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
