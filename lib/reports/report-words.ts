// The words inside a report check's params, in the reader's language: the check keeps Redis'
// and our ids (`full_resync ×3`, bgsave `ok`, role `replica`) so the JSON stays stable, and the
// page, the Markdown/HTML export and the webhook text turn them into words here.
import { translate, type Dictionary, type Locale, type MessageKey } from '../i18n';
import { en } from '../i18n/en';
import type { ReportCheck } from './report-types';

type Params = NonNullable<ReportCheck['params']>;

const isMessageKey = (k: string): k is MessageKey => k in en;

/** `key` translated when the dictionary has it, else the raw value (an id we do not know). */
function word(dict: Dictionary, key: string, raw: string): string {
  return isMessageKey(key) ? translate(dict, key) : raw;
}

/** `full_resync ×3, lifecycle ×1` → `Full resync ×3, Start / shutdown ×1` (或 `全量同步 ×3、…`). */
function categoryList(dict: Dictionary, locale: Locale, value: string): string {
  return value
    .split(', ')
    .map((part) => {
      const m = /^([a-z_]+) ×(\d+)$/.exec(part);
      return m ? `${word(dict, `logs.category.${m[1]}`, m[1] ?? '')} ×${m[2]}` : part;
    })
    .join(locale === 'zh-CN' ? '、' : ', ');
}

/** A status word Redis prints (`ok`, `err`) or ours (`off`), in the reader's language. */
function statusWord(dict: Dictionary, value: string | number): string | number {
  return typeof value === 'string' ? word(dict, `reports.value.${value}`, value) : value;
}

/** The check's params with ids turned into words; numbers and addresses pass through. */
export function localizeCheckParams(
  params: ReportCheck['params'],
  dict: Dictionary,
  locale: Locale,
): Params | undefined {
  if (!params) return params;
  const out: Params = { ...params };
  if (typeof out.categories === 'string')
    out.categories = categoryList(dict, locale, out.categories);
  for (const k of ['bgsave', 'aof'] as const)
    if (out[k] !== undefined) out[k] = statusWord(dict, out[k]);
  return out;
}

/** A node's role in a report heading: `master` → Master / 主节点. */
export function reportRole(role: string, dict: Dictionary): string {
  return word(dict, `role.${role}`, role);
}

/** A check's reason sentence in the reader's language. */
export function checkReason(c: ReportCheck, dict: Dictionary, locale: Locale): string {
  return translate(dict, c.reason, localizeCheckParams(c.params, dict, locale), locale);
}

/** An incident's title and severity in the reader's language (the English title as fallback). */
export function incidentWords(
  i: { title: string; titleI18n?: { en: string; zh: string }; severity: string },
  dict: Dictionary,
  locale: Locale,
): { title: string; severity: string } {
  const title = (locale === 'zh-CN' ? i.titleI18n?.zh : i.titleI18n?.en) || i.title;
  return { title, severity: word(dict, `severity.${i.severity}`, i.severity) };
}
