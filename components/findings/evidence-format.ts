// Pure: how evidence values read on screen — units, threshold verdicts, counter deltas.
import type { Evidence } from '@/lib/contracts';
import { DICTIONARIES, type Formatters, type MessageKey } from '@/lib/i18n';

const BYTE_UNITS = new Set(['b', 'byte', 'bytes']);
const BYTE_RATE_UNITS = new Set(['b/s', 'bytes/s', 'bps']);
const SECOND_UNITS = new Set(['s', 'sec', 'secs', 'second', 'seconds']);
const PERCENT_UNITS = new Set(['%', 'pct', 'percent']);

/** A value in the unit the server named; unknown units are printed after the number. */
export function formatByUnit(
  value: number | null | undefined,
  unit: string | undefined,
  fmt: Formatters,
): string {
  const u = unit?.trim().toLowerCase() ?? '';
  if (value === null || value === undefined || !Number.isFinite(value)) return fmt.number(null);
  if (BYTE_UNITS.has(u)) return fmt.bytes(value);
  if (BYTE_RATE_UNITS.has(u)) return `${fmt.bytes(value)}/s`;
  if (SECOND_UNITS.has(u)) return fmt.seconds(value);
  if (u === 'ms') return `${fmt.number(value, value < 10 ? 1 : 0)} ms`;
  if (PERCENT_UNITS.has(u)) return fmt.percent(value);
  if (u === '' || u === 'count') return fmt.number(value, Number.isInteger(value) ? 0 : 2);
  return `${fmt.number(value, 2)} ${unit}`;
}

/** Unit implied by a metric name (`offsetGapBytes`, `lagSeconds`, `memoryPct`, …). */
export function unitOfMetricName(name: string): string | undefined {
  if (/bytes$/i.test(name)) return 'bytes';
  if (/bytesPerSec$|Bps$/.test(name)) return 'bytes/s';
  if (/seconds$|secs$|^lag$/i.test(name)) return 's';
  if (/Ms$/.test(name)) return 'ms';
  if (/pct$|percent$/i.test(name)) return '%';
  return undefined;
}

/** `over` when a threshold exists and the value reached it (the seed's levels are inclusive). */
export function thresholdVerdict(
  value: number | null,
  threshold: number | undefined,
): 'over' | 'within' | null {
  if (threshold === undefined || value === null || !Number.isFinite(value)) return null;
  return value >= threshold ? 'over' : 'within';
}

export interface DeltaFacts {
  change: number;
  /** Change per second over the window; null for an empty window. */
  perSecond: number | null;
}

export function deltaFacts(from: number, to: number, windowMs: number): DeltaFacts {
  const change = to - from;
  return { change, perSecond: windowMs > 0 ? change / (windowMs / 1000) : null };
}

/** `+3` / `-2` / `0`: the sign matters for counters that should never move. */
export function signed(n: number, fmt: Formatters): string {
  return n > 0 ? `+${fmt.number(n)}` : fmt.number(n);
}

/** The node an evidence item is about, when it names one. */
export function evidenceNode(e: Evidence): string | null {
  if (e.type === 'note') return null;
  if (e.type === 'event') return e.event.nodeId;
  return e.nodeId;
}

/**
 * Plain-language notes first, then the rest in the server's order: the order in which the rule
 * collected the facts is the argument it makes.
 */
export function orderEvidence(evidence: readonly Evidence[]): Evidence[] {
  const rank = (e: Evidence) => (e.type === 'note' ? 0 : 1);
  return evidence
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}

/** The dictionary key naming a metric (`metric.lagSeconds`), or null to show the raw name. */
export function metricLabelKey(name: string): MessageKey | null {
  const key = `metric.${name}`;
  return key in DICTIONARIES.en ? (key as MessageKey) : null;
}
