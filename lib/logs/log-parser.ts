// Redis log line parser. Pure and total: every input line comes back as a LogLine, malformed or
// not, because a dropped line is worse than an unparsed one when it is evidence in an incident.
import type { LogLevel, LogLine, LogRole, ParseContext } from './log-types';

/** Longer lines are cut here: a runaway line (binary junk, a huge client string) must not pin memory. */
export const MAX_LOG_LINE_CHARS = 4096;

const DAY_MS = 86_400_000;
const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};
const ROLES: Record<string, LogRole> = { M: 'master', S: 'replica', C: 'child', X: 'sentinel' };
const LEVELS: Record<string, LogLevel> = {
  '.': 'debug',
  '-': 'verbose',
  '*': 'notice',
  '#': 'warning',
};

const MON = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
// Redis 3.x printed no year (it arrived in 4.0), so the year is optional in the modern form too.
const MODERN_RE = new RegExp(
  `^(\\d+):([MSCX]) (\\d{1,2}) ${MON} (?:(\\d{4}) )?(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,3}))? ([.\\-*#])(?: (.*))?$`,
);
// Redis ≤ 2.8; the oldest builds had no milliseconds.
const LEGACY_RE = new RegExp(
  `^\\[(\\d+)\\] (\\d{1,2}) ${MON} (?:(\\d{4}) )?(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,3}))? ([.\\-*#])(?: (.*))?$`,
);
const SIGNAL_RE = /^(\d+):signal-handler \((\d+)\) ?(.*)$/;

interface Clock {
  day: string | undefined;
  mon: string | undefined;
  year: string | undefined;
  hh: string | undefined;
  mm: string | undefined;
  ss: string | undefined;
  ms: string | undefined;
}

function toEpochMs(c: Clock, ctx: ParseContext | undefined): number | null {
  const month = c.mon === undefined ? undefined : MONTHS[c.mon];
  const day = Number(c.day);
  const h = Number(c.hh);
  const mi = Number(c.mm);
  const s = Number(c.ss);
  if (month === undefined || day < 1 || day > 31 || h > 23 || mi > 59 || s > 60) return null;
  const ms = c.ms === undefined ? 0 : Number(c.ms.padEnd(3, '0'));
  const tzMs = (ctx?.tzOffsetMinutes ?? 0) * 60_000;
  const at = (year: number) => Date.UTC(year, month, day, h, mi, s, ms) - tzMs;
  if (c.year !== undefined) return at(Number(c.year));

  if (ctx?.year !== undefined) return at(ctx.year);
  // Without nowMs the clock is the best guess a live tail can make (the only impure read here).
  const nowMs = ctx?.nowMs ?? Date.now();
  const year = new Date(nowMs + tzMs).getUTCFullYear();
  const guess = at(year);
  // A Dec 31 line read on Jan 1 would otherwise land almost a year in the future.
  return guess > nowMs + DAY_MS ? at(year - 1) : guess;
}

function unknownLine(raw: string, truncated: boolean): LogLine {
  return {
    raw,
    pid: null,
    role: null,
    roleChar: null,
    time: null,
    level: null,
    levelChar: null,
    message: raw,
    format: 'unknown',
    truncated,
  };
}

export function parseLogLine(line: string, ctx?: ParseContext): LogLine {
  let src = typeof line === 'string' ? line : String(line ?? '');
  if (src.endsWith('\r')) src = src.slice(0, -1);
  const truncated = src.length > MAX_LOG_LINE_CHARS;
  if (truncated) src = src.slice(0, MAX_LOG_LINE_CHARS);
  // Cheap first-character dispatch keeps the three regexes off lines that cannot match.
  const first = src.charCodeAt(0);

  if (first >= 48 && first <= 57) {
    const m = MODERN_RE.exec(src);
    if (m) {
      const roleChar = m[2] ?? '';
      const levelChar = m[10] ?? '';
      const time = toEpochMs(
        { day: m[3], mon: m[4], year: m[5], hh: m[6], mm: m[7], ss: m[8], ms: m[9] },
        ctx,
      );
      if (time !== null) {
        return {
          raw: src,
          pid: Number(m[1]),
          role: ROLES[roleChar] ?? null,
          roleChar,
          time,
          level: LEVELS[levelChar] ?? null,
          levelChar,
          message: m[11] ?? '',
          format: 'modern',
          truncated,
        };
      }
    }
    const s = SIGNAL_RE.exec(src);
    if (s) {
      return {
        raw: src,
        pid: Number(s[1]),
        role: null,
        roleChar: null,
        time: Number(s[2]) * 1000,
        level: null,
        levelChar: null,
        message: s[3] ?? '',
        format: 'signal',
        truncated,
      };
    }
  } else if (first === 91 /* [ */) {
    const m = LEGACY_RE.exec(src);
    if (m) {
      const levelChar = m[9] ?? '';
      const time = toEpochMs(
        { day: m[2], mon: m[3], year: m[4], hh: m[5], mm: m[6], ss: m[7], ms: m[8] },
        ctx,
      );
      if (time !== null) {
        return {
          raw: src,
          pid: Number(m[1]),
          role: null,
          roleChar: null,
          time,
          level: LEVELS[levelChar] ?? null,
          levelChar,
          message: m[10] ?? '',
          format: 'legacy',
          truncated,
        };
      }
    }
  }
  return unknownLine(src, truncated);
}

/** Splits on LF or CRLF; a trailing newline does not produce an extra empty line. */
export function parseLogText(text: string, ctx?: ParseContext): LogLine[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => parseLogLine(l, ctx));
}
