'use client';
// Banners under the header from `GET /api/auth/me`: auth off (amber: anyone on this machine is
// admin) and read-only mode (no repair runs). Icon + words, never colour alone.
import { useT } from '@/components/i18n/i18n-provider';
import { useMe } from '@/components/hooks/use-me';
import { WarningIcon } from '@/components/ui/icons';
import { EyeIcon } from '@/components/findings/icons';

const INNER =
  'mx-auto flex max-w-[1800px] flex-wrap items-center gap-x-2 gap-y-0.5 px-4 py-1.5 text-sm sm:px-6';

export function AuthBanners() {
  const { t } = useT();
  const { me } = useMe();
  if (!me) return null;
  return (
    <>
      {!me.authEnabled && (
        <div
          data-testid="auth-off-banner"
          role="status"
          className="border-b border-warn/40 bg-warn-bg text-warn"
        >
          <div className={INNER}>
            <WarningIcon className="h-4 w-4 shrink-0" />
            <span className="font-semibold">{t('auth.offBanner')}</span>
            <span className="text-xs">{t('auth.offBannerHint')}</span>
          </div>
        </div>
      )}
      {me.readOnly && (
        <div
          data-testid="read-only-banner"
          role="status"
          className="border-b border-accent/40 bg-accent/10 text-accent"
        >
          <div className={INNER}>
            <EyeIcon className="h-4 w-4 shrink-0" />
            <span className="font-semibold">{t('auth.readOnlyBanner')}</span>
            <span className="text-xs">{t('auth.readOnlyBannerHint')}</span>
          </div>
        </div>
      )}
    </>
  );
}
