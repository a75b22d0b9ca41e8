// Pure helpers of the N-node bench: percentiles, Redis INFO parsing, /proc parsing, the
// exporter's exposition text. Unit-tested beside this file; no I/O here.

/** The p-quantile (0–1) of an ascending list, nearest-rank; 0 for an empty list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(p * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

export interface CommandStat {
  calls: number;
  usec: number;
}

/** `INFO commandstats` → command name (`info`, `config|get`, …) → calls and usec. */
export function parseCommandStats(text: string): Map<string, CommandStat> {
  const out = new Map<string, CommandStat>();
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    out.set(m[1] as string, { calls: Number(m[2]), usec: Number(m[3]) });
  }
  return out;
}

/** Calls and usec of every command, summed. */
export function totalCommandTime(stats: Map<string, CommandStat>): CommandStat {
  let calls = 0;
  let usec = 0;
  for (const s of stats.values()) {
    calls += s.calls;
    usec += s.usec;
  }
  return { calls, usec };
}

/** Per command, `after − before` (commands absent before count from zero); zero rows dropped. */
export function diffCommandStats(
  before: Map<string, CommandStat>,
  after: Map<string, CommandStat>,
): Map<string, CommandStat> {
  const out = new Map<string, CommandStat>();
  for (const [cmd, a] of after) {
    const b = before.get(cmd) ?? { calls: 0, usec: 0 };
    if (a.calls !== b.calls) out.set(cmd, { calls: a.calls - b.calls, usec: a.usec - b.usec });
  }
  return out;
}

/** `INFO cpu` → used_cpu_sys + used_cpu_user, in seconds. */
export function parseCpuSeconds(text: string): number {
  const get = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(text)?.[1] ?? 0);
  return get('used_cpu_sys') + get('used_cpu_user');
}

/** `/proc/<pid>/stat` → utime + stime in clock ticks (fields 14 and 15, after the `(comm)`). */
export function parseProcStatTicks(text: string): number {
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): utime is field 14, stime field 15.
  return Number(rest[11]) + Number(rest[12]);
}

/** `/proc/<pid>/status` → VmRSS in bytes (null when absent). */
export function parseVmRssBytes(text: string): number | null {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  return m ? Number(m[1]) * 1024 : null;
}

/** The value of an unlabelled sample in Prometheus exposition text (null when absent). */
export function exposedValue(text: string, name: string): number | null {
  const m = new RegExp(`^${name}(?:\\{\\})? ([^\\s]+)`, 'm').exec(text);
  return m ? Number(m[1]) : null;
}

/** Per command, a node's commandstats difference less the unpolled node's (the bench's own reads). */
export function netOfIdle(
  node: Map<string, CommandStat>,
  idle: Map<string, CommandStat>,
): Map<string, CommandStat> {
  const out = new Map<string, CommandStat>();
  for (const [cmd, s] of node) {
    const i = idle.get(cmd) ?? { calls: 0, usec: 0 };
    if (s.calls - i.calls > 0) out.set(cmd, { calls: s.calls - i.calls, usec: s.usec - i.usec });
  }
  return out;
}

/** The median of a list (mean of the middle two for an even length); 0 for an empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
