// English strings added by the UI finish (issue 17): chart units, memory, phone layout,
// translated driver errors and codes, webhooks, grouped audit runs.
export const enUi = {
  'chart.axisUnit': 'Axis in {unit}',
  'chart.unit.s': 's',
  'chart.unit.ms': 'ms',
  'chart.unit.min': 'min',
  'chart.usedMemory': 'Memory used (used_memory)',
  'chart.rss': 'Resident set size (used_memory_rss)',
  'chart.perSecond': '{value}/s',
  'node.memoryTitle': 'used_memory {used} · RSS {rss}{limit}',
  'node.memoryLimit': ' · {pct} of maxmemory',
} as const;
