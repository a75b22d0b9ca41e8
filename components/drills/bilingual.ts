// Scenario texts come in both languages from lib/drills (like findings' titles).
import type { Bilingual } from '@/lib/contracts';
import type { Locale } from '@/lib/i18n';

export const pick = (text: Bilingual, locale: Locale): string =>
  locale === 'zh-CN' ? text.zh : text.en;
