// Root layout: reads the locale and theme cookies so the first paint is already right.
import type { Metadata, Viewport } from 'next';
import { cookies, headers } from 'next/headers';
import { AppHeader } from '@/components/layout/app-header';
import { AuthBanners } from '@/components/auth/auth-banners';
import {
  DEFAULT_THEME,
  THEME_INIT_SCRIPT,
  THEME_STORAGE_KEY,
  isTheme,
} from '@/components/layout/theme';
import { I18nProvider } from '@/components/i18n/i18n-provider';
import { ActionDialogHost } from '@/components/actions/dialog-host';
import {
  DICTIONARIES,
  LOCALE_STORAGE_KEY,
  isLocale,
  localeFromAcceptLanguage,
  type Locale,
} from '@/lib/i18n';
import './globals.css';

async function requestLocale(): Promise<Locale> {
  const fromCookie = (await cookies()).get(LOCALE_STORAGE_KEY)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage((await headers()).get('accept-language'));
}

export async function generateMetadata(): Promise<Metadata> {
  const dict = DICTIONARIES[await requestLocale()];
  return { title: dict['app.name'], description: dict['app.description'] };
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: dark)', color: '#0d0f12' },
    { media: '(prefers-color-scheme: light)', color: '#f4f5f7' },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await requestLocale();
  const themeCookie = (await cookies()).get(THEME_STORAGE_KEY)?.value;
  const theme = isTheme(themeCookie) ? themeCookie : DEFAULT_THEME;
  // The server's per-request CSP nonce (server/http/host-guard.ts): without it the browser refuses the script.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html
      lang={locale}
      className={theme === 'dark' ? 'dark' : undefined}
      style={{ colorScheme: theme }}
      // The inline script may correct the theme class before hydration.
      suppressHydrationWarning
    >
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
      </head>
      <body className="min-h-screen antialiased">
        <I18nProvider initialLocale={locale}>
          <AppHeader initialTheme={theme} />
          <AuthBanners />
          <main id="main" className="mx-auto max-w-[1800px] px-4 py-5 sm:px-6">
            {children}
          </main>
          <ActionDialogHost />
        </I18nProvider>
      </body>
    </html>
  );
}
