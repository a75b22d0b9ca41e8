// 简体中文：Sentinel 自身配置与重置（键与 en/sentinel-actions.ts 一致，类型保证）。
import type { enSentinelActions } from '../en/sentinel-actions';

export const zhSentinelActions: { readonly [K in keyof typeof enSentinelActions]: string } = {
  'sentinel.actions.change': '修改 Sentinel 配置',
  'sentinel.actions.reset': '重置 Sentinel 状态',
  'sentinel.actions.plan': '生成变更计划',
  'sentinel.actions.cancel': '取消',
  'sentinel.actions.unchanged': '请至少修改一个值',
  'sentinel.actions.help': '在 {name} 的每个 Sentinel 上执行 SENTINEL SET；执行前计划会列出每个值的影响。',
  'sentinel.setting.quorum': 'quorum（法定人数）',
  'sentinel.setting.down-after-milliseconds': 'down-after-milliseconds（判定下线毫秒数）',
  'sentinel.setting.failover-timeout': 'failover-timeout（故障转移超时）',
  'sentinel.setting.parallel-syncs': 'parallel-syncs（并行同步数）',
};
