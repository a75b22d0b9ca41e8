// Bounded in-memory time series: one fixed-size ring per node, so memory stays flat however
// long the server runs. A node's metrics share one timestamp column (ms after the ring's first
// sample, Uint32: 4 B, good for 49 days of uptime, then widened to float64 epoch ms). Each
// metric's values start in the narrowest array that holds them exactly: Uint8Array (integers
// 0–253: lag, resync counts, small rates), Uint16Array (0–65533), then Uint32Array of
// hundredths (values with at most two decimals up to 42,949,672: the kbps, one-decimal
// percentages and rates INFO and the metrics give) or Float32Array, and Float64Array (large
// offsets, anything else), each widened the first time a value would not survive it: a point
// reads back exactly as it was recorded.
// Per sample and metric that is 1, 2, 4 or 8 B + 4 B / metrics for the shared time.
import type { HistoryMetric, HistoryPoint } from '../../lib/contracts';
import type { HistoryQueryOptions } from '../../lib/history/history-query';

/** Null (node unreachable) is a gap in the chart; ABSENT is "not recorded at that time". */
const ABSENT = Number.NEGATIVE_INFINITY;

type Values = Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

/** One way to store a column: the array, which values it holds, and how they are written. */
interface Kind {
  make(capacity: number): Values;
  /** Whether an ordinary value (not NaN, not ABSENT) survives. */
  fits(v: number): boolean;
  encode(v: number): number;
  decode(x: number): number;
}

/** An unsigned integer array whose two top codes mean absent and null. */
function coded(make: (n: number) => Uint8Array | Uint16Array | Uint32Array, max: number, scale: number): Kind {
  const scaled = (v: number) => Math.round(v * scale);
  return {
    make,
    fits: (v) => {
      const x = scaled(v);
      return x >= 0 && x <= max - 2 && x / scale === v && !Object.is(v, -0);
    },
    encode: (v) => (v === ABSENT ? max : Number.isNaN(v) ? max - 1 : scaled(v)),
    decode: (x) => (x === max ? ABSENT : x === max - 1 ? Number.NaN : x / scale),
  };
}
const plain = (make: (n: number) => Float32Array | Float64Array, fits: (v: number) => boolean): Kind => ({
  make,
  fits,
  encode: (v) => v,
  decode: (x) => x,
});

const U8 = coded((n) => new Uint8Array(n), 255, 1);
const U16 = coded((n) => new Uint16Array(n), 65_535, 1);
const CENTS = coded((n) => new Uint32Array(n), 2 ** 32 - 1, 100);
const F32 = plain((n) => new Float32Array(n), (v) => Math.fround(v) === v);
const F64 = plain((n) => new Float64Array(n), () => true);
/** Where a column may widen to: kinds that hold every value the current one can, narrowest first. */
const WIDER = new Map<Kind, Kind[]>([
  [U8, [U16, CENTS, F32, F64]],
  [U16, [CENTS, F32, F64]],
  [CENTS, [F64]],
  [F32, [F64]],
  [F64, []],
]);

class ValueColumn {
  private kind: Kind = U8;
  private data: Values;
  private absentCode = U8.encode(ABSENT);
  /**
   * Slots holding something other than 0 or "absent" (a value, or null): at 0 a delta series'
   * window is its first point alone, found without reading the window.
   */
  nonZero = 0;

  constructor(capacity: number) {
    this.data = U8.make(capacity).fill(this.absentCode);
  }

  set(i: number, v: number): void {
    if (!Number.isNaN(v) && v !== ABSENT && !this.kind.fits(v)) this.widen(v);
    const before = this.data[i] as number;
    const code = this.kind.encode(v);
    this.data[i] = code;
    this.nonZero += this.counts(code) - this.counts(before);
  }

  get(i: number): number {
    return this.kind.decode(this.data[i] as number);
  }

  /** Every kind stores 0 as 0 (the coded ones keep their top codes for absent and null). */
  isZero(i: number): boolean {
    return this.data[i] === 0;
  }

  absent(i: number): boolean {
    return this.data[i] === this.absentCode;
  }

  private counts(code: number): number {
    return code !== 0 && code !== this.absentCode ? 1 : 0;
  }

  private widen(v: number): void {
    const to = WIDER.get(this.kind)?.find((k) => k.fits(v)) ?? F64;
    const next = to.make(this.data.length);
    for (let i = 0; i < next.length; i++) next[i] = to.encode(this.get(i));
    this.kind = to;
    this.data = next;
    this.absentCode = to.encode(ABSENT);
  }

  get bytes(): number {
    return this.data.byteLength;
  }
}

/** Sample times: Uint32 ms after the first one, widened to float64 ms when one does not fit. */
class TimeColumn {
  private data: Uint32Array | Float64Array;
  private base: number | null = null;

  constructor(capacity: number) {
    this.data = new Uint32Array(capacity);
  }

  set(i: number, t: number): void {
    this.base ??= t;
    const rel = t - this.base;
    if (this.data instanceof Uint32Array) {
      if (Number.isInteger(rel) && rel >= 0 && rel < 2 ** 32) return void (this.data[i] = rel);
      const base = this.base;
      this.data = Float64Array.from(this.data, (x) => x + base);
    }
    this.data[i] = t;
  }

  get(i: number): number {
    return this.data instanceof Uint32Array ? (this.data[i] as number) + (this.base ?? 0) : (this.data[i] as number);
  }

  get bytes(): number {
    return this.data.byteLength;
  }
}

/** One node's ring: a shared time column and one value column per metric, allocated on first use. */
class NodeRing {
  private readonly t: TimeColumn;
  private readonly columns = new Map<HistoryMetric, ValueColumn>();
  private next = 0;
  private size = 0;
  /**
   * Pushes left before a sample older than its predecessor (a clock stepped back) has left the
   * ring; until then times are not in order and a query reads the whole ring.
   */
  private disorder = 0;

  constructor(private readonly capacity: number) {
    this.t = new TimeColumn(capacity);
  }

  push(t: number, values: Partial<Record<HistoryMetric, number | null>>): void {
    const at = this.next;
    // Compared with the newest sample before it is overwritten (the ring's last slot).
    const newest = this.size ? this.t.get((at - 1 + this.capacity) % this.capacity) : t;
    if (t < newest) this.disorder = this.capacity;
    else if (this.disorder > 0) this.disorder--;
    this.t.set(at, t);
    // forEach and for…in: 1,000 nodes × 20 metrics a poll without an entry array for each.
    // A metric not given (or given as undefined) is absent at this time, not its slot's old value.
    this.columns.forEach((col, metric) => {
      if (values[metric] === undefined) col.set(at, ABSENT);
    });
    for (const key in values) {
      const metric = key as HistoryMetric;
      const v = values[metric];
      if (v === undefined) continue;
      let col = this.columns.get(metric);
      if (!col) this.columns.set(metric, (col = new ValueColumn(this.capacity)));
      col.set(at, v === null ? Number.NaN : v);
    }
    this.next = (at + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /**
   * Points of `metric` with t ≥ sinceMs, oldest first, as selectPoints (lib/history/history-query.ts)
   * selects them. The window's start is found by binary search while the ring's times are in
   * order, so a short window of a full hour's ring reads only its own samples.
   */
  since(metric: HistoryMetric, sinceMs: number, opts: HistoryQueryOptions = {}): HistoryPoint[] {
    const col = this.columns.get(metric);
    if (!col) return [];
    const start = (this.next - this.size + this.capacity) % this.capacity;
    // In order, every sample from the binary search on is in the window by time.
    const timeOk = this.disorder > 0 ? (k: number) => this.t.get(k) >= sinceMs : () => true;
    const slot = (i: number) => (start + i) % this.capacity;
    const inWindow = (k: number) => timeOk(k) && !col.absent(k);
    let first = this.firstAt(sinceMs);
    while (first < this.size && !inWindow(slot(first))) first++;
    const out: HistoryPoint[] = [];
    // Nothing but zeros (and absences) in the ring: the window is its first point.
    if (opts.dropZeros && col.nonZero === 0 && opts.newest !== 0) {
      if (first < this.size) out.push({ t: this.t.get(slot(first)), v: 0 });
      return out;
    }
    const take = (i: number): void => {
      const k = slot(i);
      // A zero is skipped on its stored code alone: most of a delta series, read every poll.
      if (opts.dropZeros && i !== first && col.isZero(k)) return;
      if (!inWindow(k)) return;
      const v = col.get(k);
      out.push({ t: this.t.get(k), v: Number.isNaN(v) ? null : v });
    };
    if (opts.newest === undefined) {
      for (let i = first; i < this.size; i++) take(i);
      return out;
    }
    const limit = Math.max(0, Math.floor(opts.newest));
    for (let i = this.size - 1; i >= first && out.length < limit; i--) take(i);
    return out.reverse();
  }

  /** Logical index (0 = oldest) where samples at or after sinceMs may start. */
  private firstAt(sinceMs: number): number {
    if (this.disorder > 0) return 0;
    const start = (this.next - this.size + this.capacity) % this.capacity;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.t.get((start + mid) % this.capacity) < sinceMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get bytes(): number {
    let sum = this.t.bytes;
    for (const col of this.columns.values()) sum += col.bytes;
    return sum;
  }
}

/** A single series (one metric); kept for callers that want one ring on its own. */
export class RingSeries {
  private readonly ring: NodeRing;
  private count = 0;

  constructor(readonly capacity: number) {
    this.ring = new NodeRing(capacity);
  }

  push(t: number, v: number | null): void {
    this.ring.push(t, { opsPerSec: v });
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** Points with t ≥ sinceMs, oldest first. */
  since(sinceMs: number): HistoryPoint[] {
    return this.ring.since('opsPerSec', sinceMs);
  }

  get length(): number {
    return this.count;
  }
}

export class HistoryStore {
  private readonly rings = new Map<string, NodeRing>();

  constructor(private readonly capacity: number) {}

  record(nodeId: string, t: number, values: Partial<Record<HistoryMetric, number | null>>): void {
    let ring = this.rings.get(nodeId);
    if (!ring) this.rings.set(nodeId, (ring = new NodeRing(this.capacity)));
    ring.push(t, values);
  }

  query(nodeId: string, metric: HistoryMetric, sinceMs: number, opts?: HistoryQueryOptions): HistoryPoint[] | null {
    const ring = this.rings.get(nodeId);
    return ring ? ring.since(metric, sinceMs, opts) : null;
  }

  drop(nodeId: string): void {
    this.rings.delete(nodeId);
  }

  get nodeCount(): number {
    return this.rings.size;
  }

  /** Bytes held by the rings' typed arrays (what `npm run bench -- scale` reports per node). */
  get bytes(): number {
    let sum = 0;
    for (const ring of this.rings.values()) sum += ring.bytes;
    return sum;
  }
}
