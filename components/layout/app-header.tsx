'use client';
// Top bar: product name, navigation, the signed-in user, language and theme switches. The login
// page gets the bare bar: no navigation and nothing live (the socket would be refused).
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useT } from '@/components/i18n/i18n-provider';
import type { MessageKey } from '@/lib/i18n';
import { LogoIcon } from '@/components/ui/icons';
import { useFindings } from '@/components/hooks/use-findings';
import { STATUS_TONE } from '@/components/ui/status';
import { UserMenu } from '@/components/auth/user-menu';
import { LangSwitch } from './lang-switch';
import { ThemeSwitch } from './theme-switch';
import type { Theme } from './theme';

const NAV: { href: string; key: MessageKey; match: (path: string) => boolean }[] = [
  { href: '/', key: 'nav.overview', match: (p) => p === '/' || p.startsWith('/nodes/') },
  { href: '/incidents', key: 'nav.incidents', match: (p) => p.startsWith('/incidents') },
  { href: '/alerts', key: 'nav.alerts', match: (p) => p.startsWith('/alerts') },
  { href: '/consistency', key: 'nav.consistency', match: (p) => p.startsWith('/consistency') },
  { href: '/drills', key: 'nav.drills', match: (p) => p.startsWith('/drills') },
  { href: '/reports', key: 'nav.reports', match: (p) => p.startsWith('/reports') },
  { href: '/audit', key: 'nav.audit', match: (p) => p.startsWith('/audit') },
];

/** Open incidents next to the Incidents link, tinted by the health level (the number says it too). */
function OpenIncidentsBadge() {
  const { t, fmt } = useT();
  const { health } = useFindings();
  if (!health || health.openIncidents === 0) return null;
  const tone = STATUS_TONE[health.level === 'ok' ? 'unknown' : health.level];
  return (
    <span
      data-testid="nav-open-incidents"
      title={t('nav.openIncidents', { n: health.openIncidents })}
      className={`tnum ml-1.5 rounded-full px-1.5 py-px text-[11px] font-bold ring-1 ring-inset ${tone.text} ${tone.bg} ${tone.ring}`}
    >
      {fmt.number(health.openIncidents)}
      <span className="sr-only"> {t('nav.openIncidents', { n: health.openIncidents })}</span>
    </span>
  );
}

export function AppHeader({ initialTheme }: { initialTheme: Theme }) {
  const { t } = useT();
  const pathname = usePathname() ?? '/';
  const isLogin = pathname === '/login';
  return (
    <header className="sticky top-0 z-20 border-b border-border bg-surface/95 backdrop-blur">
      <a
        href="#main"
        className="focus-ring sr-only rounded bg-accent px-3 py-1 text-white focus:not-sr-only focus:absolute focus:left-2 focus:top-2"
      >
        {t('nav.skipToContent')}
      </a>
      {/* Wraps at phone width: brand and switches on the first row, navigation below. */}
      <div className="mx-auto flex min-h-14 max-w-[1800px] flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2 sm:px-6 lg:flex-nowrap lg:py-0">
        <Link href="/" className="focus-ring flex shrink-0 items-center gap-2 rounded">
          <LogoIcon className="h-6 w-6 text-accent" />
          <span className="whitespace-nowrap text-base font-semibold tracking-tight text-fg">{t('app.name')}</span>
          <span className="hidden whitespace-nowrap text-xs text-fg-muted xl:inline">
            {t('app.tagline')}
          </span>
        </Link>
        {!isLogin && (
          <nav
            aria-label={t('nav.main')}
            className="order-last flex w-full flex-wrap items-center gap-1 lg:order-none lg:w-auto lg:flex-nowrap"
          >
            {NAV.map((item) => {
              const active = item.match(pathname);
              return (
                <Link
                  key={item.href}
                  href={item.href}
                  aria-current={active ? 'page' : undefined}
                  className={`focus-ring flex items-center whitespace-nowrap rounded-md px-2.5 py-1.5 text-sm font-medium lg:px-3 transition-colors ${
                    active
                      ? 'bg-surface-2 text-fg'
                      : 'text-fg-muted hover:bg-surface-2 hover:text-fg'
                  }`}
                >
                  {t(item.key)}
                  {item.href === '/incidents' && <OpenIncidentsBadge />}
                </Link>
              );
            })}
          </nav>
        )}
        <div className="ml-auto flex shrink-0 items-center gap-2">
          {!isLogin && <UserMenu />}
          <LangSwitch />
          <ThemeSwitch initialTheme={initialTheme} />
        </div>
      </div>
    </header>
  );
}
