'use client';
// Banners under the header from `GET /api/auth/me`: auth off (amber: anyone on this machine is
// admin) and read-only mode (no repair runs). Icon + words, never colour alone.
import type { ReactNode } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { useMe } from '@/components/hooks/use-me';
import { WarningIcon } from '@/components/ui/icons';
import { EyeIcon } from '@/components/findings/icons';

const INNER =
  'mx-auto flex max-w-[1800px] flex-wrap items-center gap-x-2 gap-y-0.5 px-4 py-1.5 text-sm sm:px-6';

function Banner({
  testId,
  className,
  icon,
  title,
  hint,
}: {
  testId: string;
  className: string;
  icon: ReactNode;
  title: string;
  hint: string;
}) {
  return (
    <div data-testid={testId} role="status" className={className}>
      <div className={INNER}>
        {icon}
        <span className="font-semibold">{title}</span>
        <span className="text-xs">{hint}</span>
      </div>
    </div>
  );
}

export function AuthBanners() {
  const { t } = useT();
  const { me } = useMe();
  if (!me) return null;
  return (
    <>
      {!me.authEnabled && (
        <Banner
          testId="auth-off-banner"
          className="border-b border-warn/40 bg-warn-bg text-warn"
          icon={<WarningIcon className="h-4 w-4 shrink-0" />}
          title={t('auth.offBanner')}
          hint={t('auth.offBannerHint')}
        />
      )}
      {me.readOnly && (
        <Banner
          testId="read-only-banner"
          className="border-b border-accent/40 bg-accent/10 text-accent"
          icon={<EyeIcon className="h-4 w-4 shrink-0" />}
          title={t('auth.readOnlyBanner')}
          hint={t('auth.readOnlyBannerHint')}
        />
      )}
    </>
  );
}
