// 简体中文：操作防护（每项配置对节点的影响、计划审计行），键与 en/actions-guard.ts 一致。
import type { enActionsGuard } from '../en/actions-guard';

export const zhActionsGuard: { readonly [K in keyof typeof enActionsGuard]: string } = {
  'audit.outcome.planned': '已生成计划',
  'actions.effects': '每项配置对该节点的影响',
  'actions.effect.safe': '安全',
  'actions.effect.destructive': '破坏性',
  'actions.effect.refused': '已拒绝',
  'actions.effect.evicts': '将淘汰约 {keys} 个 key（{bytes}）',
};
