import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DICTIONARIES } from '../i18n';
import { checkReason, reportRole } from './report-words';
import { reportToMarkdown } from './report-render';
import type { HealthReport, NodeFigures, ReportCheck } from './report-types';

const logs: ReportCheck = {
  id: 'logs',
  status: 'warn',
  reason: 'reports.reason.logErrors',
  params: { total: 4, categories: 'full_resync ×3, lifecycle ×1' },
};

test('checkReason() names log categories in words, in the reader language', () => {
  assert.equal(
    checkReason(logs, DICTIONARIES.en, 'en'),
    '4 abnormal log lines: Full resync ×3, Start / shutdown ×1.',
  );
  const zh = checkReason(logs, DICTIONARIES['zh-CN'], 'zh-CN');
  assert.doesNotMatch(zh, /full_resync|lifecycle/);
  assert.match(zh, /×3、.+×1/);
});

test('checkReason() says "1 abnormal log line", not "1 … lines"', () => {
  const one = { ...logs, params: { total: 1, categories: 'full_resync ×1' } };
  assert.equal(checkReason(one, DICTIONARIES.en, 'en'), '1 abnormal log line: Full resync ×1.');
});

test('checkReason() translates bgsave and AOF status words, and keeps unknown ids as they are', () => {
  const c: ReportCheck = {
    id: 'persistence',
    status: 'ok',
    reason: 'reports.reason.persistenceOk',
    params: { bgsave: 'ok', ageHours: 0, aof: 'off', forkMs: 1 },
  };
  const zh = checkReason(c, DICTIONARIES['zh-CN'], 'zh-CN');
  assert.match(zh, /bgsave 成功/);
  assert.match(zh, /AOF 重写 关闭/);
  const odd = { ...logs, params: { total: 2, categories: 'brand_new ×2' } };
  assert.match(checkReason(odd, DICTIONARIES.en, 'en'), /brand_new ×2/);
});

const figures: NodeFigures = {
  coveredMinutes: 1440,
  unreachableMinutes: 0,
  linkDownMinutes: null,
  lag: null,
  delayMs: null,
  fullResyncs: 0,
  partialOk: 0,
  partialErr: 0,
  memoryPeakPct: null,
  memoryPeakBytes: null,
  memoryGrowthPerWeekBytes: null,
  daysUntilMaxmemory: null,
  cpuPeakPct: null,
  cpuAvgPct: null,
  forkMaxUsec: null,
  worstLagEpisodes: [],
  downEpisodes: [],
};

test('reportRole() and the Markdown export: roles, incident titles and severities in the reader language', () => {
  assert.equal(reportRole('replica', DICTIONARIES['zh-CN']), '从节点');
  assert.equal(reportRole('sentinel-ish', DICTIONARIES.en), 'sentinel-ish');
  const report: HealthReport = {
    period: 'day',
    from: 0,
    to: 86_400_000,
    generatedAt: 86_400_000,
    topology: 'default',
    resolutionMs: 60_000,
    status: 'warn',
    checks: [],
    incidents: [
      {
        id: 'inc-1',
        title: 'Replica unreachable',
        titleI18n: { en: 'Replica unreachable', zh: '从节点不可达' },
        severity: 'critical',
        state: 'resolved',
        openedAt: 1000,
      },
    ],
    nodes: [{ id: '127.0.0.1:7001', role: 'master', status: 'warn', figures, checks: [logs] }],
  };
  const md = reportToMarkdown(report, 'zh-CN');
  assert.match(md, /127\.0\.0\.1:7001（主节点）/);
  assert.doesNotMatch(md, /full_resync/);
  assert.match(md, /inc-1 · 严重 · 从节点不可达/);
});
