'use client';
import type { Role } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';

const ROLE_CLASS: Record<Role, string> = {
  master: 'bg-accent/15 text-accent ring-accent/40',
  replica: 'bg-surface-3 text-fg ring-border-strong',
  unknown: 'bg-unk-bg text-unk ring-unk/40',
};

export function RoleBadge({ role, size = 'sm' }: { role: Role; size?: 'sm' | 'md' }) {
  const { t } = useT();
  return (
    <span
      className={`inline-flex items-center rounded font-bold uppercase tracking-wider ring-1 ring-inset ${
        size === 'md' ? 'px-2 py-0.5 text-xs' : 'px-1.5 py-0.5 text-[11px]'
      } ${ROLE_CLASS[role]}`}
    >
      {t(`role.${role}`)}
    </span>
  );
}
