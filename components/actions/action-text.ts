// Small display helpers shared by the dialog, the node menu and the audit page.
import type {
  ActionCatalogEntry,
  ActionRunState,
  Bilingual,
  PreflightCheck,
  Status,
} from '@/lib/contracts';
import type { Locale } from '@/lib/i18n';

export function pick(text: Bilingual, locale: Locale): string {
  return locale === 'zh-CN' ? text.zh : text.en;
}

/** Checks carry an English detail and, for most, a Chinese one. */
export function checkDetail(c: PreflightCheck, locale: Locale): string {
  return locale === 'zh-CN' && c.detailZh ? c.detailZh : c.detail;
}

export function actionTitle(
  action: string,
  catalog: readonly ActionCatalogEntry[] | undefined,
  locale: Locale,
): string {
  const entry = catalog?.find((a) => a.id === action);
  return entry ? pick(entry.title, locale) : action;
}

/** Run outcome → the shared status colours: rolled back and interrupted need a look (amber). */
export const RUN_STATE_STATUS: Record<ActionRunState, Status> = {
  running: 'unknown',
  succeeded: 'ok',
  failed: 'critical',
  rolled_back: 'warning',
  interrupted: 'warning',
};
