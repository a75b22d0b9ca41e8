// Bounded in-memory time series: one fixed-size ring per node, so memory stays flat however
// long the server runs. A node's metrics share one timestamp column; each metric's values sit in
// a Float32Array, widened to Float64Array the first time a value would not survive float32
// exactly (large offsets, counters): a point reads back exactly as it was recorded.
// Per sample and metric that is 4 B (8 B once widened) + 8 B / metrics for the shared time.
import type { HistoryMetric, HistoryPoint } from '../../lib/contracts';

/** Null (node unreachable) is a gap in the chart; ABSENT is "not recorded at that time". */
const ABSENT = Number.NEGATIVE_INFINITY;

class ValueColumn {
  private data: Float32Array | Float64Array;

  constructor(capacity: number) {
    this.data = new Float32Array(capacity).fill(ABSENT);
  }

  set(i: number, v: number): void {
    if (this.data instanceof Float32Array && !Number.isNaN(v) && Math.fround(v) !== v)
      this.data = Float64Array.from(this.data);
    this.data[i] = v;
  }

  get(i: number): number {
    return this.data[i] as number;
  }

  get bytes(): number {
    return this.data.byteLength;
  }
}

/** One node's ring: a shared time column and one value column per metric, allocated on first use. */
class NodeRing {
  private readonly t: Float64Array;
  private readonly columns = new Map<HistoryMetric, ValueColumn>();
  private next = 0;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.t = new Float64Array(capacity);
  }

  push(t: number, values: Partial<Record<HistoryMetric, number | null>>): void {
    const at = this.next;
    this.t[at] = t;
    for (const [metric, col] of this.columns) if (!(metric in values)) col.set(at, ABSENT);
    for (const [metric, v] of Object.entries(values) as Array<
      [HistoryMetric, number | null | undefined]
    >) {
      if (v === undefined) continue;
      let col = this.columns.get(metric);
      if (!col) this.columns.set(metric, (col = new ValueColumn(this.capacity)));
      col.set(at, v === null ? Number.NaN : v);
    }
    this.next = (at + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  since(metric: HistoryMetric, sinceMs: number): HistoryPoint[] {
    const col = this.columns.get(metric);
    if (!col) return [];
    const out: HistoryPoint[] = [];
    const start = (this.next - this.size + this.capacity) % this.capacity;
    for (let i = 0; i < this.size; i++) {
      const at = (start + i) % this.capacity;
      const t = this.t[at] as number;
      const v = col.get(at);
      if (t < sinceMs || v === ABSENT) continue;
      out.push({ t, v: Number.isNaN(v) ? null : v });
    }
    return out;
  }

  get bytes(): number {
    let sum = this.t.byteLength;
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

  query(nodeId: string, metric: HistoryMetric, sinceMs: number): HistoryPoint[] | null {
    const ring = this.rings.get(nodeId);
    return ring ? ring.since(metric, sinceMs) : null;
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
