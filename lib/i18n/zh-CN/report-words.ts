// 中文：历史不足时的报告理由，以及一小时以内的时间。
import type { enReportWords } from '../en/report-words';

export const zhReportWords: { readonly [K in keyof typeof enReportWords]: string } = {
  'reports.reason.memoryOkNoTrend':
    '峰值 {peakMiB} MiB（maxmemory 的 {peakPct}%）；内存历史满 {trendHours} 小时后才能估算增长。',
  'reports.reason.memoryNoLimitNoTrend':
    '峰值 {peakMiB} MiB，未设置 maxmemory；内存历史满 {trendHours} 小时后才能估算增长。',
  'reports.reason.memoryHighNoTrend':
    '峰值 {peakMiB} MiB（maxmemory 的 {peakPct}%）；内存历史满 {trendHours} 小时后才能估算增长。',
  'reports.reason.persistenceOkRecent':
    '最近一次 bgsave {bgsave}，{ageMinutes, plural, =0 {刚刚} other {# 分钟前}}；AOF 重写 {aof}；最长 fork {forkMs} 毫秒。',
  'reports.reason.persistenceOkHours':
    '最近一次 bgsave {bgsave}，{ageHours} 小时前；AOF 重写 {aof}；最长 fork {forkMs} 毫秒。',
};
