'use client';
// The inputs and the button of the confirmation panel: the node id typed for a destructive
// plan, the reason, what still blocks execution, and the execute button itself.
import { useId } from 'react';
import type { ActionPlan } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { CheckIcon } from '@/components/findings/icons';
import { WarningIcon } from '@/components/ui/icons';
import type { ExecuteBlocker } from './confirmation';

export function BlockerText({ b }: { b: ExecuteBlocker }) {
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
      return t(`actions.block.${b.kind}`);
  }
}

/** The node id a destructive plan asks to be typed, with a tick once it matches. */
export function TypedField({
  expected,
  value,
  onChange,
}: {
  expected: string;
  value: string;
  onChange(v: string): void;
}) {
  const { t } = useT();
  const id = useId();
  const isOk = value.trim() === expected;
  return (
    <label htmlFor={id} className="flex flex-col gap-1.5">
      <span className="text-xs font-semibold text-fg-muted">
        {t('actions.typedLabel')}{' '}
        <code className="select-all rounded bg-surface-3 px-1 font-mono text-fg">{expected}</code>
      </span>
      <span className="flex items-center gap-2">
        <input
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          placeholder={expected}
          aria-invalid={value !== '' && !isOk}
          className="focus-ring h-9 w-full max-w-sm rounded-md border border-border bg-surface-2 px-3 font-mono text-sm"
          data-testid="confirm-typed"
        />
        {isOk && (
          <span className="flex items-center gap-1 text-xs font-medium text-ok">
            <CheckIcon className="h-4 w-4" />
            {t('actions.typedOk')}
          </span>
        )}
      </span>
    </label>
  );
}

export function ReasonField({
  isRequired,
  value,
  onChange,
}: {
  isRequired: boolean;
  value: string;
  onChange(v: string): void;
}) {
  const { t } = useT();
  const id = useId();
  return (
    <label htmlFor={id} className="flex flex-col gap-1.5">
      <span className="text-xs font-semibold text-fg-muted">
        {t(isRequired ? 'actions.reasonRequired' : 'actions.reasonOptional')}
      </span>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={1000}
        rows={2}
        placeholder={t('actions.reasonPlaceholder')}
        className="focus-ring rounded-md border border-border bg-surface-2 px-3 py-2 text-sm"
        data-testid="confirm-reason"
      />
    </label>
  );
}

export function BlockerList({ blockers }: { blockers: readonly ExecuteBlocker[] }) {
  if (blockers.length === 0) return null;
  return (
    <ul className="flex flex-col gap-0.5 text-sm text-warn" data-testid="action-blockers">
      {blockers.map((b) => (
        <li key={b.kind} className="flex items-start gap-1.5">
          <WarningIcon className="mt-0.5 h-4 w-4 shrink-0" />
          <BlockerText b={b} />
        </li>
      ))}
    </ul>
  );
}

export function ExecuteButton({
  plan,
  isDisabled,
  isExecuting,
  onExecute,
}: {
  plan: ActionPlan;
  isDisabled: boolean;
  isExecuting: boolean;
  onExecute(): void;
}) {
  const { t } = useT();
  const label = isExecuting
    ? 'actions.starting'
    : plan.destructive
      ? 'actions.executeDestructive'
      : 'actions.execute';
  return (
    <div className="flex justify-end">
      <button
        type="button"
        onClick={onExecute}
        disabled={isDisabled}
        className={`focus-ring inline-flex h-9 items-center gap-1.5 rounded-md px-4 text-sm font-semibold text-white disabled:cursor-not-allowed disabled:opacity-50 ${plan.destructive ? 'bg-crit' : 'bg-accent'}`}
        data-testid="action-execute"
      >
        {plan.destructive && <WarningIcon className="h-4 w-4" />}
        {t(label, { n: plan.steps.length })}
      </button>
    </div>
  );
}
