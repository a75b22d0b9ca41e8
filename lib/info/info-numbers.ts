// INFO values arrive as strings; these read one field without throwing, so callers can treat
// "absent" and "not a number" the same way (undefined) instead of carrying NaN into charts.
import type { ParsedInfo } from './info-types';

export type InfoSections = ParsedInfo['sections'];

/** A Redis number (`205`, `-1`, `23.48`, `-0.00`) or undefined for '' / text / NaN. */
export function toNumber(raw: string | undefined): number | undefined {
  // Number('') and Number(' ') are 0; Redis never pads numbers, so a leading blank means "not one".
  if (raw === undefined || raw.length === 0 || raw.charCodeAt(0) <= 32) return undefined;
  const n = Number(raw);
  if (Number.isNaN(n)) return undefined;
  // master_sync_perc prints -0.00 before the size preamble; -0 would render as "-0" in the UI.
  return n === 0 ? 0 : n;
}

/** Redis 0/1 flags (`repl_backlog_active`, `slave_read_only`, `loading`, …). */
export function toFlag(raw: string | undefined): boolean | undefined {
  if (raw === '1') return true;
  if (raw === '0') return false;
  return undefined;
}

/** `num(info.sections, 'stats', 'sync_full')` */
export function num(sections: InfoSections, section: string, field: string): number | undefined {
  return toNumber(sections[section]?.[field]);
}

export function str(sections: InfoSections, section: string, field: string): string | undefined {
  return sections[section]?.[field];
}

export function flag(sections: InfoSections, section: string, field: string): boolean | undefined {
  return toFlag(sections[section]?.[field]);
}
