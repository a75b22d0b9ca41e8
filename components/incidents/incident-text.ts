// Pure: an incident's title in the UI language (the server's English title is the fallback).
import type { Incident } from '@/lib/contracts';
import type { Locale } from '@/lib/i18n';

export function incidentTitle(
  incident: Pick<Incident, 'title' | 'titleI18n'>,
  locale: Locale,
): string {
  if (!incident.titleI18n) return incident.title;
  return (locale === 'zh-CN' ? incident.titleI18n.zh : incident.titleI18n.en) || incident.title;
}
