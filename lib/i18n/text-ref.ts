// Renders a server-built TextRef (lib/contracts/text-ref) in one language: nested references
// first, then the key with its parameters. Pure, like the rest of lib/i18n.
import type { TextRef } from '../contracts/text-ref';
import { en, type MessageKey } from './en';
import { DICTIONARIES, translate, type Locale, type MessageParams } from './index';

export type { TextRef };

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** A reference built with a typed key (the builders' side). */
export function textRef(key: MessageKey, params?: TextRef['params']): TextRef {
  return params ? { key, params } : { key };
}

const MAX_DEPTH = 4;

/** The English sentence, for the wire's English `detail` fields and the logs. */
export function englishText(ref: TextRef): string {
  return renderTextRef(ref, 'en') ?? ref.key;
}

/** The sentence in `locale`; null when a key is unknown (a newer server): show the English text. */
export function renderTextRef(ref: TextRef, locale: Locale, depth = 0): string | null {
  if (!isMessageKey(ref.key) || depth > MAX_DEPTH) return null;
  const params: MessageParams = {};
  const dict = DICTIONARIES[locale];
  for (const [name, value] of Object.entries(ref.params ?? {})) {
    if (typeof value !== 'object') {
      params[name] = value;
      continue;
    }
    const parts = (Array.isArray(value) ? value : [value]).map((v) =>
      renderTextRef(v, locale, depth + 1),
    );
    if (parts.some((p) => p === null)) return null;
    params[name] = parts.join(translate(dict, 'textRef.listSeparator'));
  }
  return translate(dict, ref.key, params, locale);
}
