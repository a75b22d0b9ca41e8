'use client';
// The signed-in user in the header: name, role and Log out (only when auth is on).
import { useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { errorMessage } from '@/components/hooks/api-client';
import { logout } from '@/components/hooks/auth-api';
import { useMe } from '@/components/hooks/use-me';
import { UserIcon } from '@/components/findings/icons';

export function UserMenu() {
  const { t } = useT();
  const { me } = useMe();
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!me?.authEnabled || !me.user) return null;
  const { username, role } = me.user;
  const roleLabel = t(`auth.role.${role}`);

  const onLogout = async () => {
    setIsBusy(true);
    setError(null);
    try {
      await logout();
      window.location.assign('/login'); // a full load drops every live subscription
    } catch (err) {
      setError(errorMessage(err));
      setIsBusy(false);
    }
  };

  return (
    <div
      role="group"
      aria-label={t('auth.userMenu')}
      data-testid="user-menu"
      data-username={username}
      data-role={role}
      title={
        error
          ? t('auth.logoutError', { message: error })
          : t('auth.signedInAs', { name: username, role: roleLabel })
      }
      className="flex h-8 shrink-0 items-center gap-2 rounded-md border border-border bg-surface-2 pl-2 pr-0.5 text-xs"
    >
      <UserIcon className="h-4 w-4 shrink-0 text-fg-muted" />
      <span className="max-w-32 truncate font-semibold text-fg">{username}</span>
      <span className="hidden rounded bg-surface-3 px-1.5 py-px text-[11px] font-semibold uppercase tracking-wide text-fg-muted lg:inline">
        {roleLabel}
      </span>
      <button
        type="button"
        data-testid="logout"
        disabled={isBusy}
        onClick={() => void onLogout()}
        className={`focus-ring h-full whitespace-nowrap rounded px-2 font-medium hover:bg-surface hover:text-fg disabled:opacity-50 ${error ? 'text-crit' : 'text-fg-muted'}`}
      >
        {isBusy ? t('auth.loggingOut') : t('auth.logout')}
      </button>
    </div>
  );
}
