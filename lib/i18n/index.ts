// Pure i18n core: dictionaries, lookup with `{name}` interpolation, locale-aware formatting.
// No React, no Node built-ins: the UI wraps this in components/i18n.
import { en, type Dictionary, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type { Dictionary, MessageKey };

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Cookie and localStorage key holding the chosen locale. */
export const LOCALE_STORAGE_KEY = 'replicaops-lang';

export const DICTIONARIES: Record<Locale, Dictionary> = { en, 'zh-CN': zhCN };

export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((l) => l === value);
}

/** Best locale for an `Accept-Language` header (only English and Chinese are offered). */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : DEFAULT_LOCALE;
}

export type MessageParams = Record<string, string | number>;

/**
 * Looks `key` up and fills `{name}` placeholders; unknown placeholders stay visible. A
 * placeholder may choose a plural form, ICU style: `{n, plural, one {# command} other {#
 * commands}}` (`#` is the number as passed), picked by the locale's plural rules.
 */
export function translate(
  dict: Dictionary,
  key: MessageKey,
  params?: MessageParams,
  locale: Locale = DEFAULT_LOCALE,
): string {
  const template = dict[key] ?? en[key] ?? key;
  if (!params) return template;
  return fillPlurals(template, params, locale).replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** Plural category of a param given as a number or as a formatted number ("1,024"). */
export function pluralCategory(value: string | number, locale: Locale): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  const n = typeof value === 'number' ? value : Number(value.replace(/[^\d.-]/g, ''));
  return rules.select(Number.isFinite(n) ? n : 0);
}

const PLURAL_START = /\{(\w+), plural,/g;

/** Replaces each `{name, plural, one {…} other {…}}` block with the form for `params[name]`. */
function fillPlurals(template: string, params: MessageParams, locale: Locale): string {
  let out = '';
  let from = 0;
  for (const m of template.matchAll(PLURAL_START)) {
    if (m.index < from) continue;
    const forms = new Map<string, string>();
    let i = m.index + m[0].length;
    // Read `category {text}` pairs until the closing brace of the block.
    for (;;) {
      while (template[i] === ' ') i += 1;
      if (template[i] === '}' || i >= template.length) break;
      const open = template.indexOf('{', i);
      const close = template.indexOf('}', open);
      if (open < 0 || close < 0) break;
      forms.set(template.slice(i, open).trim(), template.slice(open + 1, close));
      i = close + 1;
    }
    const value = params[m[1]!];
    const form =
      value === undefined
        ? undefined
        : (forms.get(`=${String(value)}`) ?? forms.get(pluralCategory(value, locale)) ?? forms.get('other'));
    out += template.slice(from, m.index) + (form === undefined ? template.slice(m.index, i + 1) : form.replaceAll('#', String(value)));
    from = i + 1;
  }
  return out + template.slice(from);
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

export interface Formatters {
  locale: Locale;
  /** Grouped integer or decimal; `—` for null/undefined/NaN. */
  number(value: number | null | undefined, maximumFractionDigits?: number): string;
  /** Binary units (Redis' own `_human` fields are 1024-based too). */
  bytes(value: number | null | undefined): string;
  /** `value` is already 0–100. */
  percent(value: number | null | undefined, fractionDigits?: number): string;
  /** Seconds as the two largest units, e.g. `3d 4h`, `2m 5s`, `3天4小时`. */
  duration(seconds: number | null | undefined): string;
  /** Plain seconds with unit, for lag, e.g. `1.5 s`. */
  seconds(value: number | null | undefined): string;
  /** Wall-clock time of an epoch-ms timestamp. */
  time(epochMs: number, withSeconds?: boolean): string;
  /** Local date and time in ISO order, `2026-12-03 14:30:05`, whatever the locale. */
  dateTime(epochMs: number): string;
}

export const EMPTY_VALUE = '—';

function isNum(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** The Intl formatters of one locale, made once per createFormatters call. */
function intlOf(locale: Locale) {
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const nf = (digits: number): Intl.NumberFormat => {
    let f = numberFormats.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      numberFormats.set(digits, f);
    }
    return f;
  };
  const clock: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hour12: false };
  return {
    nf,
    time: new Intl.DateTimeFormat(locale, clock),
    timeSec: new Intl.DateTimeFormat(locale, { ...clock, second: '2-digit' }),
    // en-GB only for its 24-hour parts: dateTime reassembles them in ISO order.
    dateTime: new Intl.DateTimeFormat('en-GB', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...clock,
      second: '2-digit',
    }),
  };
}

function formatBytes(nf: (digits: number) => Intl.NumberFormat, value: number): string {
  const sign = value < 0 ? '-' : '';
  let abs = Math.abs(value);
  let unit = 0;
  while (abs >= 1024 && unit < BYTE_UNITS.length - 1) {
    abs /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : abs < 10 ? 2 : abs < 100 ? 1 : 0;
  return `${sign}${nf(digits).format(abs)} ${BYTE_UNITS[unit]}`;
}

/** The two largest non-zero units, e.g. `3d 4h`; `0s` for zero. */
function formatDuration(dict: Dictionary, seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const parts: [number, MessageKey][] = [
    [Math.floor(total / 86400), 'unit.days'],
    [Math.floor((total % 86400) / 3600), 'unit.hours'],
    [Math.floor((total % 3600) / 60), 'unit.minutes'],
    [total % 60, 'unit.seconds'],
  ];
  const firstNonZero = parts.findIndex(([n]) => n > 0);
  if (firstNonZero === -1) return translate(dict, 'unit.seconds', { n: 0 });
  return parts
    .slice(firstNonZero, firstNonZero + 2)
    .filter(([n], i) => i === 0 || n > 0)
    .map(([n, key]) => translate(dict, key, { n }))
    .join(translate(dict, 'unit.separator'));
}

/** ISO order in every locale: 12/03/2026 is 3 December to some readers, 12 March to others. */
function isoDateTime(fmt: Intl.DateTimeFormat, epochMs: number): string {
  const p = fmt.formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => p.find((x) => x.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

export function createFormatters(
  locale: Locale,
  dict: Dictionary = DICTIONARIES[locale],
): Formatters {
  const intl = intlOf(locale);
  const number: Formatters['number'] = (value, digits = 0) =>
    isNum(value) ? intl.nf(digits).format(value) : EMPTY_VALUE;

  return {
    locale,
    number,
    bytes: (value) => (isNum(value) ? formatBytes(intl.nf, value) : EMPTY_VALUE),
    percent: (value, digits = 1) => (isNum(value) ? `${intl.nf(digits).format(value)}%` : EMPTY_VALUE),
    duration: (seconds) => (isNum(seconds) ? formatDuration(dict, seconds) : EMPTY_VALUE),
    seconds(value) {
      if (!isNum(value)) return EMPTY_VALUE;
      return translate(dict, 'unit.secondsValue', { n: number(value, value < 10 ? 1 : 0) });
    },
    time: (epochMs, withSeconds = true) => (withSeconds ? intl.timeSec : intl.time).format(epochMs),
    dateTime: (epochMs) => isoDateTime(intl.dateTime, epochMs),
  };
}
