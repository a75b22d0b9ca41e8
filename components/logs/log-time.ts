// Pure: times as the log panel shows and takes them (Redis stamps lines to the millisecond).
import type { Formatters } from '@/lib/i18n';

/** Selectable ± windows for "lines around a time". */
export const AROUND_WINDOWS = [10_000, 30_000, 60_000, 300_000] as const;
export type AroundWindow = (typeof AROUND_WINDOWS)[number];
export const DEFAULT_AROUND_WINDOW: AroundWindow = 30_000;

export function isAroundWindow(v: number): v is AroundWindow {
  return (AROUND_WINDOWS as readonly number[]).includes(v);
}

/** Wall-clock time with milliseconds, e.g. `10:15:30.123`. */
export function logTime(fmt: Formatters, epochMs: number): string {
  return `${fmt.time(epochMs)}.${String(Math.floor(epochMs) % 1000).padStart(3, '0')}`;
}

/** Epoch ms → `datetime-local` value with seconds, in the browser's time zone. */
export function toLocalSecondsInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** `datetime-local` value (with or without seconds) → epoch ms; undefined when invalid. */
export function fromLocalSecondsInput(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}
