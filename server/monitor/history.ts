// Bounded in-memory time series: one fixed-size ring per node and metric, so memory stays flat
// however long the server runs.
import type { HistoryMetric, HistoryPoint } from '../../lib/contracts';

export class RingSeries {
  private readonly t: Float64Array;
  private readonly v: Float64Array;
  private next = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.t = new Float64Array(capacity);
    this.v = new Float64Array(capacity);
  }

  push(t: number, v: number | null): void {
    this.t[this.next] = t;
    this.v[this.next] = v === null ? Number.NaN : v;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Points with t ≥ sinceMs, oldest first. */
  since(sinceMs: number): HistoryPoint[] {
    const out: HistoryPoint[] = [];
    const start = (this.next - this.size + this.capacity) % this.capacity;
    for (let i = 0; i < this.size; i++) {
      const at = (start + i) % this.capacity;
      const t = this.t[at] as number;
      if (t < sinceMs) continue;
      const v = this.v[at] as number;
      out.push({ t, v: Number.isNaN(v) ? null : v });
    }
    return out;
  }

  get length(): number {
    return this.size;
  }
}

export class HistoryStore {
  private readonly series = new Map<string, Map<HistoryMetric, RingSeries>>();

  constructor(private readonly capacity: number) {}

  record(nodeId: string, t: number, values: Partial<Record<HistoryMetric, number | null>>): void {
    let perNode = this.series.get(nodeId);
    if (!perNode) this.series.set(nodeId, (perNode = new Map()));
    for (const [metric, v] of Object.entries(values) as Array<[HistoryMetric, number | null]>) {
      let ring = perNode.get(metric);
      if (!ring) perNode.set(metric, (ring = new RingSeries(this.capacity)));
      ring.push(t, v);
    }
  }

  query(nodeId: string, metric: HistoryMetric, sinceMs: number): HistoryPoint[] | null {
    const perNode = this.series.get(nodeId);
    if (!perNode) return null;
    return perNode.get(metric)?.since(sinceMs) ?? [];
  }

  drop(nodeId: string): void {
    this.series.delete(nodeId);
  }

  get nodeCount(): number {
    return this.series.size;
  }
}
