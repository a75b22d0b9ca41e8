'use client';
// A run's outcome as colour + icon + word.
import type { ActionRunState } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { SyncIcon } from '@/components/ui/icons';
import { RUN_STATE_STATUS } from './action-text';

export function RunStateBadge({
  state,
  large = false,
}: {
  state: ActionRunState;
  large?: boolean;
}) {
  const { t } = useT();
  const status = RUN_STATE_STATUS[state];
  const tone = STATUS_TONE[status];
  const icon = large ? 'h-5 w-5' : 'h-3.5 w-3.5';
  return (
    <span
      className={`inline-flex shrink-0 items-center gap-1.5 rounded font-semibold uppercase tracking-wide ring-1 ring-inset ${large ? 'px-3 py-1 text-base' : 'px-1.5 py-0.5 text-[11px]'} ${tone.text} ${tone.bg} ${tone.ring}`}
    >
      {state === 'running' ? (
        <SyncIcon className={`${icon} animate-spin motion-reduce:animate-none`} />
      ) : (
        <StatusIcon status={status} className={icon} />
      )}
      {t(`actions.runState.${state}`)}
    </span>
  );
}
