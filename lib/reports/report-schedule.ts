// When a scheduled report is due: the day / week / month that just ended, once, at the
// configured local time. Pure: the clock, the zone and what was last sent in; what to send out.
import { periodBounds } from './period-stats';
import type { ReportPeriod } from './report-types';

export interface ScheduleSettings {
  /** Local time `HH:MM` the reports go out. */
  at: string;
  periods: ReportPeriod[];
}

export interface DueReport {
  period: ReportPeriod;
  /** A time inside the period to report (the one that just ended). */
  at: number;
  /** Identity of the send, so each period goes out once: `day:<from>`. */
  key: string;
}

export function dueReports(
  now: number,
  tzOffsetMinutes: number,
  s: ScheduleSettings,
  sent: ReadonlySet<string>,
): DueReport[] {
  const [h = 0, m = 0] = s.at.split(':').map(Number);
  const today = periodBounds('day', now, tzOffsetMinutes);
  if (now < today.from + (h * 60 + m) * 60_000) return [];
  const out: DueReport[] = [];
  for (const period of s.periods) {
    const current = periodBounds(period, now, tzOffsetMinutes);
    // Weekly reports go out on Mondays, monthly ones on the 1st: the first day of the next period.
    if (period !== 'day' && current.from !== today.from) continue;
    const previous = periodBounds(period, current.from - 1, tzOffsetMinutes);
    const key = `${period}:${previous.from}`;
    if (!sent.has(key)) out.push({ period, at: previous.from, key });
  }
  return out;
}
