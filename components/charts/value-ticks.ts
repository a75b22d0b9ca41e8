// Pure: "nice" value-axis ticks for the live charts. Steps are 1, 2 or 5 × a power of ten in
// the axis unit; byte axes pick one binary unit for the whole axis (KiB, MiB…) from its top, so
// ticks read 0 / 0.5 / 1 / 1.5 KiB rather than 600 B / 1.76 KiB / 2.34 KiB. The unit goes in the
// axis title; tick labels are bare numbers, short enough never to wrap.

export type AxisKind = 'bytes' | 'seconds' | 'milliseconds' | 'percent' | 'count';

export interface AxisScale {
  /** Tick values in the data's own unit (bytes, seconds…), from 0 to `top`. */
  ticks: number[];
  top: number;
  /** What one axis unit is worth in data units (1024 for KiB, 0.001 for ms on a seconds axis). */
  divisor: number;
  /** Unit symbol for the axis title, e.g. `KiB`, `s`, `ms`, `%`; '' for plain counts. */
  unit: string;
  /** Fraction digits a tick label needs (0 for whole steps, 1 for 0.5 steps…). */
  fractionDigits: number;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** The smallest 1-2-5 × 10^k step that covers `range` in at most `maxTicks` intervals. */
export function niceStep(range: number, maxTicks = 5): number {
  if (!(range > 0) || !Number.isFinite(range)) return 1;
  const raw = range / maxTicks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) {
    const step = m * magnitude;
    if (step >= raw * (1 - 1e-9)) return step;
  }
  return 10 * magnitude;
}

function unitFor(kind: AxisKind, max: number): { divisor: number; unit: string } {
  switch (kind) {
    case 'bytes': {
      let i = 0;
      while (i < BYTE_UNITS.length - 1 && max >= 1024 ** (i + 1)) i += 1;
      return { divisor: 1024 ** i, unit: BYTE_UNITS[i]! };
    }
    case 'seconds':
      // Sub-second lag reads better in ms; long lag in minutes.
      if (max > 0 && max < 1) return { divisor: 0.001, unit: 'ms' };
      if (max >= 180) return { divisor: 60, unit: 'min' };
      return { divisor: 1, unit: 's' };
    case 'milliseconds':
      return max >= 2000 ? { divisor: 1000, unit: 's' } : { divisor: 1, unit: 'ms' };
    case 'percent':
      return { divisor: 1, unit: '%' };
    case 'count':
      return { divisor: 1, unit: '' };
  }
}

function decimalsOf(step: number): number {
  if (step >= 1) return 0;
  return Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
}

/**
 * Ticks from 0 up to the first step at or above `max` (at least `minTop`). An empty or all-zero
 * series still gets an axis: 0 and 1 unit. Counts never get fractional steps.
 */
export function axisScale(kind: AxisKind, max: number, opts: { minTop?: number; maxTicks?: number } = {}): AxisScale {
  const top0 = Math.max(Number.isFinite(max) ? max : 0, opts.minTop ?? 0, 0);
  const { divisor, unit } = unitFor(kind, top0);
  const scaled = top0 / divisor;
  let step = niceStep(scaled > 0 ? scaled : 1, opts.maxTicks ?? 5);
  if (kind === 'count' && step < 1) step = 1;
  const intervals = Math.max(1, Math.ceil(scaled / step - 1e-9));
  const digits = decimalsOf(step);
  const ticks: number[] = [];
  for (let i = 0; i <= intervals; i += 1) ticks.push(Number((i * step).toFixed(digits)) * divisor);
  return { ticks, top: ticks[ticks.length - 1]!, divisor, unit, fractionDigits: digits };
}

/** A tick label width in px that fits the longest label (7 px a character at 11 px type). */
export function axisWidth(labels: readonly string[]): number {
  const longest = labels.reduce((n, l) => Math.max(n, l.length), 0);
  return Math.max(28, Math.min(80, longest * 7 + 10));
}
