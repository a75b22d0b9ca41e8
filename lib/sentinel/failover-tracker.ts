// A Sentinel failover from its events: when it started, each phase and how long it took, where
// it went, and how it ended. Pure; fed with deduplicated events in the order they were first seen.
import type { SentinelFailover } from '../contracts';
import type { SentinelEvent } from './sentinel-events';

const PHASES = new Set(['+elected-leader', '+selected-slave', '+promoted-slave', '+failover-end', '+switch-master', '+failover-end-for-timeout']);

function isPhase(type: string): boolean {
  return PHASES.has(type) || type.startsWith('+failover-state-') || type.startsWith('-failover-abort-');
}

export class FailoverTracker {
  private readonly byName = new Map<string, SentinelFailover>();
  /** `+sdown`/`+odown` of a master before a failover starts: its first phases. */
  private readonly downs = new Map<string, Array<{ type: string; at: number }>>();

  current(name: string): SentinelFailover | undefined {
    return this.byName.get(name);
  }

  all(): ReadonlyMap<string, SentinelFailover> {
    return this.byName;
  }

  /** Applies one event; returns the failover it belongs to (a copy), if any. */
  apply(e: SentinelEvent, at: number): SentinelFailover | undefined {
    const name = e.masterName;
    if (!name) return undefined;
    if ((e.type === '+sdown' || e.type === '+odown') && e.instanceType === 'master') {
      this.downs.set(name, [...(this.downs.get(name) ?? []).filter((d) => d.type !== e.type), { type: e.type, at }]);
      return undefined;
    }
    if (e.type === '-odown' || e.type === '-sdown') {
      if (e.instanceType === 'master' && this.byName.get(name)?.state !== 'in_progress') this.downs.delete(name);
      return undefined;
    }
    let f = this.byName.get(name);
    const starts = e.type === '+try-failover' || (e.type === '+switch-master' && f?.state !== 'in_progress');
    if (starts && (!f || f.state !== 'in_progress')) {
      const from = e.masterId;
      if (!from) return undefined;
      const before = (this.downs.get(name) ?? []).filter((d) => at - d.at < 10 * 60_000);
      f = { state: 'in_progress', startedAt: before[0]?.at ?? at, from, phases: [] };
      for (const d of before) this.push(f, d.type, d.at);
      this.downs.delete(name);
      this.byName.set(name, f);
      if (e.type === '+try-failover') {
        this.push(f, e.type, at);
        return { ...f };
      }
    }
    if (!f || !isPhase(e.type)) return undefined;
    if (f.state !== 'in_progress' && e.type !== '+switch-master') return undefined;
    if (f.phases.some((p) => p.type === e.type)) return { ...f };
    this.push(f, e.type, at);
    if (e.type === '+selected-slave' && e.instanceId) f.to = e.instanceId;
    if (e.type === '+switch-master') {
      f.to = e.newMasterId ?? f.to;
      if (f.state === 'in_progress') f.state = 'done';
      f.endedAt ??= at;
    }
    if (e.type.startsWith('-failover-abort-') || e.type === '+failover-end-for-timeout') {
      f.state = 'failed';
      f.reason = e.type;
      f.endedAt = at;
    }
    if (e.type === '+failover-end' && f.state === 'in_progress') {
      f.state = 'done';
      f.endedAt = at;
    }
    return { ...f, phases: [...f.phases] };
  }

  private push(f: SentinelFailover, type: string, at: number): void {
    const prev = f.phases.at(-1);
    f.phases.push({ type, at, sincePrevMs: prev ? Math.max(0, at - prev.at) : 0 });
  }
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** "Sentinel failover of mymaster: A → B" plus phases and durations, both languages. */
export function describeFailover(name: string, f: SentinelFailover): { en: string; zh: string } {
  const to = f.to ?? '…';
  const took = f.endedAt !== undefined ? secs(f.endedAt - f.startedAt) : undefined;
  const phases = f.phases.map((p) => `${p.type} +${secs(p.sincePrevMs)}`).join(', ');
  const en = `Sentinel failover of ${name}: ${f.from} → ${to}${took ? ` in ${took}` : ''}${f.reason ? ` (${f.reason})` : ''}: ${phases}`;
  const zhState = f.state === 'failed' ? `失败（${f.reason ?? ''}）` : f.state === 'done' ? `用时 ${took ?? '?'}` : '进行中';
  const zh = `Sentinel 对 ${name} 的故障转移：${f.from} → ${to}，${zhState}：${phases}`;
  return { en, zh };
}
