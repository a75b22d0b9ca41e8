// 简体中文：大规模拓扑的紧凑总览。
import type { enScale } from '../en/scale';

export const zhScale: { readonly [K in keyof typeof enScale]: string } = {
  'scale.viewCompact': '紧凑',
  'scale.viewTree': '树状',
  'scale.viewLabel': '总览布局',
  'scale.search': '搜索节点',
  'scale.searchPlaceholder': '地址、角色或状态（按 / 聚焦）',
  'scale.filterAll': '全部节点',
  'scale.filterProblems': '仅显示有问题的',
  'scale.filterLabel': '显示',
  'scale.results': '{n} 个匹配节点',
  'scale.resultsMore': '仅显示 {n} 个匹配节点中的前 {shown} 个：请细化搜索。',
  'scale.noResults': '没有匹配的节点。',
  'scale.section': '{id} · {n} 个节点',
  'scale.sectionProblems': '{n} 个有问题',
  'scale.sectionDetached': '与其上游断开',
  'scale.groupWhole': '{id} → {n} 个从节点 · 全部正常 · 最大延迟 {lag} · 最大差距 {gap}',
  'scale.groupRest': '{id} → 另有 {n} 个从节点 · 全部正常 · 最大延迟 {lag} · 最大差距 {gap}',
  'scale.groupLeaf': '{id} · 正常 · 无从节点',
  'scale.cellTitle': '{id} · {role} · {status} · 延迟 {lag} · 差距 {gap}',
  'scale.gridLabel': '{id} 的全部节点，有问题的在前',
  'scale.cellLabel': '{id} · {role} · {status}',
  'scale.moreRows': '这些分支上还有 {n} 行（其中 {problems} 个有问题）。',
  'scale.listProblems': '列出全部问题',
};
