'use client';
// Locale state for the whole UI. The server renders with the cookie's locale; localStorage wins
// on the client (same value unless the cookie was cleared), read through useSyncExternalStore so
// hydration stays consistent.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
} from 'react';
import {
  DICTIONARIES,
  LOCALE_STORAGE_KEY,
  createFormatters,
  isLocale,
  translate,
  type Formatters,
  type Locale,
  type MessageKey,
  type MessageParams,
} from '@/lib/i18n';

export interface I18nValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: MessageParams): string;
  fmt: Formatters;
}

const I18nContext = createContext<I18nValue | null>(null);
const LOCALE_EVENT = 'replicaops:locale';

function readStoredLocale(): Locale | null {
  try {
    const v = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null; // storage disabled: fall back to the cookie's locale
  }
}

function subscribe(onChange: () => void): () => void {
  const onStorage = (e: StorageEvent) => {
    if (e.key === LOCALE_STORAGE_KEY) onChange();
  };
  window.addEventListener(LOCALE_EVENT, onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(LOCALE_EVENT, onChange);
    window.removeEventListener('storage', onStorage);
  };
}

function persistLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // storage disabled: the cookie still carries the choice
  }
  document.cookie = `${LOCALE_STORAGE_KEY}=${locale}; path=/; max-age=31536000; samesite=lax`;
  window.dispatchEvent(new Event(LOCALE_EVENT));
}

export function I18nProvider({
  initialLocale,
  children,
}: {
  initialLocale: Locale;
  children: React.ReactNode;
}) {
  const locale = useSyncExternalStore(
    subscribe,
    () => readStoredLocale() ?? initialLocale,
    () => initialLocale,
  );

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => persistLocale(next), []);

  const value = useMemo<I18nValue>(() => {
    const dict = DICTIONARIES[locale];
    return {
      locale,
      setLocale,
      t: (key, params) => translate(dict, key, params, locale),
      fmt: createFormatters(locale, dict),
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() must be used inside <I18nProvider>');
  return value;
}
