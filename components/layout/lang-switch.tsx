'use client';
// English / 中文 segmented switch; the choice persists in localStorage and a cookie.
import { useT } from '@/components/i18n/i18n-provider';
import { LOCALES, type Locale, type MessageKey } from '@/lib/i18n';

const LABEL_KEYS: Record<Locale, MessageKey> = { en: 'lang.en', 'zh-CN': 'lang.zhCN' };

export function LangSwitch() {
  const { t, locale, setLocale } = useT();
  return (
    <div
      role="group"
      aria-label={t('lang.label')}
      data-testid="lang-switch"
      data-locale={locale}
      className="flex h-8 shrink-0 items-center rounded-md border border-border bg-surface-2 p-0.5 text-xs"
    >
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          data-locale={l}
          onClick={() => setLocale(l)}
          className={`focus-ring h-full whitespace-nowrap rounded px-2 font-medium sm:px-2.5 transition-colors ${
            l === locale ? 'bg-surface text-fg shadow-sm' : 'text-fg-muted hover:text-fg'
          }`}
        >
          {t(LABEL_KEYS[l])}
        </button>
      ))}
    </div>
  );
}
