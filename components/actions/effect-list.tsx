'use client';
// What each config.apply setting would do to this node, computed by the server from its live
// INFO/CONFIG: safe, destructive (admin, reason, typed id) or refused — word, icon and colour.
import type { ActionEffect, Status } from '@/lib/contracts';
import { fmtBytes } from '@/lib/diagnosis/rule-kit';
import { useT } from '@/components/i18n/i18n-provider';
import { StatusIcon } from '@/components/ui/status';
import { pick } from './action-text';

const LEVEL_STATUS: Record<ActionEffect['level'], Status> = {
  safe: 'ok',
  destructive: 'warning',
  refused: 'critical',
};
const LEVEL_TONE: Record<ActionEffect['level'], string> = {
  safe: 'text-ok',
  destructive: 'text-warn',
  refused: 'text-crit',
};

export function EffectList({ effects }: { effects: readonly ActionEffect[] }) {
  const { t, locale } = useT();
  return (
    <ul className="flex flex-col gap-1.5">
      {effects.map((e, i) => (
        <li
          key={`${e.setting}-${i}`}
          data-testid="plan-effect"
          data-level={e.level}
          data-code={e.code}
          className={`flex items-start gap-2 rounded-md border border-border px-3 py-2 text-sm ${e.level === 'refused' ? 'bg-crit-bg' : e.level === 'destructive' ? 'bg-warn-bg' : 'bg-surface-2'}`}
        >
          <StatusIcon
            status={LEVEL_STATUS[e.level]}
            className={`mt-0.5 h-4 w-4 shrink-0 ${LEVEL_TONE[e.level]}`}
          />
          <span className="flex min-w-0 flex-col gap-0.5">
            <span className="flex flex-wrap items-baseline gap-x-2">
              <code className="font-mono text-xs text-fg">
                {e.setting} {e.value === '' ? '""' : e.value}
              </code>
              <span className={`text-xs font-semibold ${LEVEL_TONE[e.level]}`}>
                {t(`actions.effect.${e.level}`)}
              </span>
            </span>
            <span className="break-words leading-5 text-fg">{pick(e.text, locale)}</span>
            {e.evictKeys !== undefined && (
              <span className="text-xs font-medium text-crit">
                {t('actions.effect.evicts', {
                  keys: e.evictKeys,
                  bytes: fmtBytes(e.evictBytes ?? 0),
                })}
              </span>
            )}
            <span className="font-mono text-[11px] text-fg-subtle">{e.code}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
