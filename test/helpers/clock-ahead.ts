// Preload (`node --import`) that sets this process's wall clock a year ahead: `Date.now()` and
// `new Date()` read "now + 1 year" while timers and performance.now() run as usual. Used by
// test/calendar.test.ts to prove that no log test depends on the day it runs.
const AHEAD_MS = Number(process.env.REPLICAOPS_CLOCK_AHEAD_MS ?? 365 * 24 * 3600_000);
const RealDate = Date;

class AheadDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + AHEAD_MS);
    else super(...(args as [string | number | Date]));
  }

  static override now(): number {
    return RealDate.now() + AHEAD_MS;
  }
}

globalThis.Date = AheadDate as DateConstructor;
