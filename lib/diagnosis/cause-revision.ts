// The note a finding carries when a later, stronger reading replaced or ruled out its first cause.
import type { Cause, Confidence, Evidence } from '../contracts';
import { translate, type Dictionary, type Locale } from '../i18n';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';

export function causeRevisionNote(
  from: Cause,
  confidence: Confidence | undefined,
  to: Cause,
): Evidence {
  const text = (dict: Dictionary, locale: Locale) => {
    const params = {
      from: translate(dict, `cause.${from}`, undefined, locale),
      confidence: confidence ? translate(dict, `confidence.${confidence}`, undefined, locale) : '—',
      to: translate(dict, `cause.${to}`, undefined, locale),
    };
    return translate(
      dict,
      to === 'unknown' ? 'findings.causeRuledOut' : 'findings.causeRevised',
      params,
      locale,
    );
  };
  return { type: 'note', text: { en: text(en, 'en'), zh: text(zhCN, 'zh-CN') } };
}
