// Accumulates a compare report: counts by class, the first N examples of each, skipped keys.
import { DIFF_CLASSES, type CompareMode, type CompareReport, type DiffClass, type DiffExample } from '../contracts';

/** One entry per diff class. */
function byClass<V>(make: (c: DiffClass) => V): Record<DiffClass, V> {
  const out: Partial<Record<DiffClass, V>> = {};
  for (const c of DIFF_CLASSES) out[c] = make(c);
  return out as Record<DiffClass, V>; // the loop just set every class
}
const emptyCounts = () => byClass(() => 0);
const emptyExamples = () => byClass((): DiffExample[] => []);

/** A quantile of a sample (nearest rank); null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? null;
}

export class ReportBuilder {
  private readonly counts = emptyCounts();
  private readonly examples = emptyExamples();
  private readonly skippedExamples: DiffExample[] = [];
  private readonly latencies: number[] = [];
  private maxLatency: number | null = null;
  keysCompared = 0;
  keysCheckedOnReplica = 0;
  rechecked = 0;
  canonicalReads = 0;
  skipped = 0;
  backoffs = 0;
  dbs: number[] = [];

  constructor(
    private readonly base: { master: string; replica: string; mode: CompareMode; rounds: number },
    private readonly examplesPerClass: number,
  ) {}

  add(cls: DiffClass, example: DiffExample): void {
    this.counts[cls]++;
    if (this.examples[cls].length < this.examplesPerClass) this.examples[cls].push(example);
  }

  addSkipped(example: DiffExample): void {
    this.skipped++;
    if (this.skippedExamples.length < this.examplesPerClass) this.skippedExamples.push(example);
  }

  /** Master PING round trip; keeps a bounded window for the median. */
  latency(ms: number): void {
    this.latencies.push(ms);
    if (this.latencies.length > 4096) this.latencies.splice(0, 2048);
    this.maxLatency = Math.max(this.maxLatency ?? 0, ms);
  }

  get differences(): number {
    return DIFF_CLASSES.reduce((n, c) => n + this.counts[c], 0);
  }

  report(): CompareReport {
    const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
    return {
      ...this.base,
      counts: { ...this.counts },
      examples: byClass((c) => [...this.examples[c]]),
      keysCompared: this.keysCompared,
      keysCheckedOnReplica: this.keysCheckedOnReplica,
      rechecked: this.rechecked,
      canonicalReads: this.canonicalReads,
      skipped: this.skipped,
      skippedExamples: [...this.skippedExamples],
      dbs: [...this.dbs],
      backoffs: this.backoffs,
      masterLatencyMs: { p50: round(quantile(this.latencies, 0.5)), max: round(this.maxLatency) },
    };
  }
}
