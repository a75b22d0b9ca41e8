// 简体中文：数据时效（过期值）、根因/连带问题折叠、原因可信度（键与 en/truth.ts 一致）。
import type { enTruth } from '../en/truth';

export const zhTruth: { readonly [K in keyof typeof enTruth]: string } = {
  'findings.consequences': '+{count} 个连带问题',
  'findings.consequencesHide': '收起 {count} 个连带问题',
  'findings.consequenceOf': '由上方问题引起',
  'confidence.proven': '已证实',
  'confidence.likely': '很可能',
  'confidence.provenHint': '日志行或看板自身的探测证实了该原因。',
  'confidence.likelyHint': 'INFO 计数器指向该原因；日志行可进一步证实。',
  'stale.lastSeen': '最后响应于 {ago}',
  'stale.banner': '该节点无响应：以下数值来自其最后一次成功轮询（{ago}），并非当前值。其下的从节点来自实时拓扑。',
  'stale.never': '该节点从未响应过看板：没有可显示的数值。',
  'value.unknown': '未知',
  'value.unknownHint': '没有当前值：链路已断开或节点无响应。',
  'heartbeat.overWindow': '> {ms} 毫秒',
  'heartbeat.overWindowHint': '在 {ms} 毫秒内未在该从节点上看到心跳值。',
  'findings.causeRevised': '原因已修正：起初判断为“{from}”（{confidence}），后续轮询显示为“{to}”，更能解释该问题。',
  'findings.causeRuledOut': '起初判断为“{from}”（{confidence}），后续轮询已排除该原因，暂未得出其他原因。',
};
