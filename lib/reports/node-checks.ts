// Per-node checks of a health report: each ends ✅ / ⚠️ / ❌ with its reason.
import { avgOf, type RollupRow } from '../history/rollup';
import {
  episodes,
  maxOf,
  minOf,
  seriesOf,
  slopePerMs,
  spread,
  sumOf,
  zeroMinutes,
} from './period-stats';
import type {
  Episode,
  NodeFigures,
  ReportCheck,
  ReportIncident,
  ReportInput,
  ReportNodeInfo,
} from './report-types';

const WEEK_MS = 7 * 24 * 3600_000;
const round = (v: number, digits = 1): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** Incidents that involve `nodeId` and opened between 5 min before and the end of the episode. */
function linkIncidents(
  e: { from: number; to: number },
  nodeId: string,
  incidents: readonly ReportIncident[],
): string[] {
  return incidents
    .filter(
      (i) =>
        (i.nodeIds.includes(nodeId) || i.nodeIds.length === 0) &&
        i.openedAt >= e.from - 5 * 60_000 &&
        i.openedAt <= e.to,
    )
    .map((i) => i.id);
}

/** Downtime from the summed milliseconds; from the 0/1 share when only that was recorded. */
function downMinutes(ms: readonly RollupRow[], share: readonly RollupRow[], res: number): number {
  return ms.length ? sumOf(ms) / 60_000 : zeroMinutes(share, res);
}

/** A trend needs more than a moment of data: at least an hour of buckets. */
const TREND_MIN_SPAN_MS = 3600_000;

export function nodeFigures(input: ReportInput, node: ReportNodeInfo): NodeFigures {
  const s = (m: Parameters<typeof seriesOf>[2]) => seriesOf(input.rows, node.id, m);
  const res = input.resolutionMs;
  const reach = s('reachable');
  const link = s('linkUp');
  const lag = s('lagSeconds');
  const mem = s('memoryUsedBytes');
  const cpu = s('cpuPct');
  const firstMem = mem[0];
  const lastMem = mem.at(-1);
  const spanMs = firstMem && lastMem ? lastMem.bucket - firstMem.bucket : 0;
  const slope = spanMs >= TREND_MIN_SPAN_MS ? slopePerMs(mem) : null;
  const maxmemory = node.maxmemoryBytes ?? maxOf(s('maxmemoryBytes')) ?? 0;
  const lastUsed = lastMem ? avgOf(lastMem) : null;
  const perDay = slope === null ? null : slope * 24 * 3600_000;
  const warnLag = input.thresholds.lagWarningSeconds;
  const lagEpisodes = episodes(
    lag,
    res,
    (r) => r.max >= warnLag,
    (r) => r.max,
  )
    .sort((a, b) => b.peak - a.peak)
    .slice(0, 3)
    .map((e): Episode => ({ ...e, incidentIds: linkIncidents(e, node.id, input.incidents) }));
  const down = episodes(
    [...reach, ...link].sort((a, b) => a.bucket - b.bucket),
    res,
    (r) => avgOf(r) < 1,
    (r) => (1 - avgOf(r)) * (res / 60_000),
  );
  return {
    coveredMinutes: reach.length * (res / 60_000),
    unreachableMinutes: round(downMinutes(s('unreachableMs'), reach, res)),
    linkDownMinutes: link.length ? round(downMinutes(s('linkDownMs'), link, res)) : null,
    lag: spread(lag),
    delayMs: spread(s('realDelayMs')),
    fullResyncs: sumOf(s('syncFullDelta')),
    partialOk: sumOf(s('syncPartialOkDelta')),
    partialErr: sumOf(s('syncPartialErrDelta')),
    memoryPeakPct: maxOf(s('memoryPct')),
    memoryPeakBytes: maxOf(mem),
    memoryGrowthPerWeekBytes: slope === null ? null : Math.round(slope * WEEK_MS),
    daysUntilMaxmemory:
      perDay && perDay > 0 && maxmemory > 0 && lastUsed !== null
        ? round(Math.max(0, maxmemory - lastUsed) / perDay)
        : null,
    cpuPeakPct: maxOf(cpu),
    cpuAvgPct: cpu.length
      ? round(cpu.reduce((a, r) => a + r.sum, 0) / cpu.reduce((a, r) => a + r.count, 0))
      : null,
    forkMaxUsec: maxOf(s('forkUsec')),
    worstLagEpisodes: lagEpisodes,
    downEpisodes: down.map((e) => ({
      ...e,
      incidentIds: linkIncidents(e, node.id, input.incidents),
    })),
  };
}

function availability(f: NodeFigures): ReportCheck {
  const ids = [...new Set(f.downEpisodes.flatMap((e) => e.incidentIds))];
  if (f.coveredMinutes === 0)
    return { id: 'availability', status: 'warn', reason: 'reports.reason.noData' };
  const down = f.unreachableMinutes + (f.linkDownMinutes ?? 0);
  const params = {
    unreachable: f.unreachableMinutes,
    linkDown: f.linkDownMinutes ?? 0,
    episodes: f.downEpisodes.length,
  };
  if (down === 0)
    return { id: 'availability', status: 'ok', reason: 'reports.reason.alwaysUp', params };
  return {
    id: 'availability',
    status: down >= 5 ? 'fail' : 'warn',
    reason: 'reports.reason.downMinutes',
    params,
    incidentIds: ids,
  };
}

function lagCheck(f: NodeFigures, t: ReportInput['thresholds']): ReportCheck | null {
  if (!f.lag) return null;
  const ids = [...new Set(f.worstLagEpisodes.flatMap((e) => e.incidentIds))];
  const params = {
    p50: round(f.lag.p50),
    p95: round(f.lag.p95),
    max: round(f.lag.max),
    episodes: f.worstLagEpisodes.length,
  };
  const status =
    f.lag.max >= t.lagCriticalSeconds ? 'fail' : f.lag.p95 >= t.lagWarningSeconds ? 'warn' : 'ok';
  return {
    id: 'lag',
    status,
    reason: status === 'ok' ? 'reports.reason.lagOk' : 'reports.reason.lagHigh',
    params,
    incidentIds: ids.length ? ids : undefined,
  };
}

function delayCheck(f: NodeFigures, t: ReportInput['thresholds']): ReportCheck | null {
  if (!f.delayMs) return null;
  const params = {
    p50: Math.round(f.delayMs.p50),
    p95: Math.round(f.delayMs.p95),
    max: Math.round(f.delayMs.max),
  };
  const status =
    f.delayMs.max >= t.lagCriticalSeconds * 1000
      ? 'fail'
      : f.delayMs.p95 >= t.lagWarningSeconds * 1000
        ? 'warn'
        : 'ok';
  return { id: 'delay', status, reason: 'reports.reason.delay', params };
}

function resyncCheck(f: NodeFigures): ReportCheck {
  const params = { full: f.fullResyncs, partialOk: f.partialOk, partialErr: f.partialErr };
  const status =
    f.fullResyncs >= 3 ? 'fail' : f.fullResyncs > 0 || f.partialErr > 0 ? 'warn' : 'ok';
  return {
    id: 'resyncs',
    status,
    reason: status === 'ok' ? 'reports.reason.noFullResync' : 'reports.reason.fullResyncs',
    params,
  };
}

/** The memory reason, or its "growth unknown yet" twin when the history is too short for a trend. */
function memoryReason(f: NodeFigures, level: 'ok' | 'noLimit' | 'high'): ReportCheck['reason'] {
  const hasTrend = f.memoryGrowthPerWeekBytes !== null;
  if (level === 'high')
    return hasTrend ? 'reports.reason.memoryHigh' : 'reports.reason.memoryHighNoTrend';
  if (level === 'noLimit')
    return hasTrend ? 'reports.reason.memoryNoLimit' : 'reports.reason.memoryNoLimitNoTrend';
  return hasTrend ? 'reports.reason.memoryOk' : 'reports.reason.memoryOkNoTrend';
}

function memoryCheck(f: NodeFigures, t: ReportInput['thresholds']): ReportCheck | null {
  if (f.memoryPeakBytes === null) return null;
  const params = {
    peakMiB: round(f.memoryPeakBytes / 1048576),
    peakPct: f.memoryPeakPct === null ? '—' : round(f.memoryPeakPct),
    growthMiB:
      f.memoryGrowthPerWeekBytes === null ? '—' : round(f.memoryGrowthPerWeekBytes / 1048576),
    days: f.daysUntilMaxmemory ?? '—',
    trendHours: TREND_MIN_SPAN_MS / 3600_000,
  };
  const pct = f.memoryPeakPct ?? 0;
  const days = f.daysUntilMaxmemory;
  if (pct >= t.memoryCriticalPct || (days !== null && days < 7))
    return { id: 'memory', status: 'fail', reason: memoryReason(f, 'high'), params };
  if (pct >= t.memoryWarningPct || (days !== null && days < 30))
    return { id: 'memory', status: 'warn', reason: memoryReason(f, 'high'), params };
  return {
    id: 'memory',
    status: 'ok',
    reason: memoryReason(f, f.memoryPeakPct === null ? 'noLimit' : 'ok'),
    params,
  };
}

function cpuCheck(f: NodeFigures): ReportCheck | null {
  if (f.cpuPeakPct === null) return null;
  const params = { peak: round(f.cpuPeakPct), avg: f.cpuAvgPct ?? 0 };
  const status = (f.cpuAvgPct ?? 0) >= 80 ? 'fail' : f.cpuPeakPct >= 90 ? 'warn' : 'ok';
  return { id: 'cpu', status, reason: 'reports.reason.cpu', params };
}

function persistenceCheck(input: ReportInput, node: ReportNodeInfo, f: NodeFigures): ReportCheck {
  const failedSave =
    minOf(seriesOf(input.rows, node.id, 'rdbBgsaveOk')) === 0 || node.rdbBgsaveStatus === 'err';
  const failedAof =
    minOf(seriesOf(input.rows, node.id, 'aofRewriteOk')) === 0 ||
    (node.aofEnabled === true && node.aofRewriteStatus === 'err');
  const age = node.rdbLastSaveAgeSeconds;
  const params = {
    bgsave: node.rdbBgsaveStatus ?? '—',
    ageHours: age === undefined ? '—' : round(age / 3600),
    ageMinutes: age === undefined ? '—' : Math.floor(age / 60),
    aof: node.aofEnabled ? (node.aofRewriteStatus ?? '—') : 'off',
    forkMs: f.forkMaxUsec === null ? '—' : round(f.forkMaxUsec / 1000),
  };
  if (failedSave || failedAof)
    return {
      id: 'persistence',
      status: 'fail',
      reason: 'reports.reason.persistenceFailed',
      params,
    };
  if (age !== undefined && age > 24 * 3600)
    return { id: 'persistence', status: 'warn', reason: 'reports.reason.saveOld', params };
  if (f.forkMaxUsec !== null && f.forkMaxUsec > 1_000_000)
    return { id: 'persistence', status: 'warn', reason: 'reports.reason.forkSlow', params };
  // Under an hour in minutes ("just now" under one), so a fresh save never reads "0 h ago".
  const reason =
    age === undefined
      ? 'reports.reason.persistenceOk'
      : age < 3600
        ? 'reports.reason.persistenceOkRecent'
        : 'reports.reason.persistenceOkHours';
  return { id: 'persistence', status: 'ok', reason, params };
}

function logCheck(input: ReportInput, node: ReportNodeInfo): ReportCheck {
  const seen = input.logErrors?.filter((e) => e.nodeId === node.id) ?? [];
  if (!seen.length) return { id: 'logs', status: 'ok', reason: 'reports.reason.logsNotRead' };
  const mine = seen.filter((e) => e.count > 0);
  const total = mine.reduce((s, e) => s + e.count, 0);
  if (!total) return { id: 'logs', status: 'ok', reason: 'reports.reason.logsClean' };
  const categories = mine.map((e) => `${e.category} ×${e.count}`).join(', ');
  return {
    id: 'logs',
    status: 'warn',
    reason: 'reports.reason.logErrors',
    params: { total, categories },
  };
}

export function nodeChecks(
  input: ReportInput,
  node: ReportNodeInfo,
  f: NodeFigures,
): ReportCheck[] {
  return [
    availability(f),
    lagCheck(f, input.thresholds),
    delayCheck(f, input.thresholds),
    resyncCheck(f),
    memoryCheck(f, input.thresholds),
    cpuCheck(f),
    persistenceCheck(input, node, f),
    logCheck(input, node),
  ].filter((c): c is ReportCheck => c !== null);
}
