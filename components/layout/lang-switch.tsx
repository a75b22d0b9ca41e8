'use client';
// English / 中文 segmented switch; the choice persists in localStorage and a cookie.
import { useT } from '@/components/i18n/i18n-provider';
import { Segmented } from '@/components/ui/segmented';
import { LOCALES, type Locale, type MessageKey } from '@/lib/i18n';

const LABEL_KEYS: Record<Locale, MessageKey> = { en: 'lang.en', 'zh-CN': 'lang.zhCN' };

export function LangSwitch() {
  const { t, locale, setLocale } = useT();
  return (
    <Segmented
      label={t('lang.label')}
      testId="lang-switch"
      attr="locale"
      value={locale}
      options={LOCALES.map((l) => ({ value: l, label: t(LABEL_KEYS[l]), lang: l }))}
      onChange={setLocale}
    />
  );
}
