// English strings: report reasons when a figure needs more history, and ages under an hour.
export const enReportWords = {
  'reports.reason.memoryOkNoTrend':
    'Peak {peakMiB} MiB ({peakPct} % of maxmemory); growth unknown until {trendHours, plural, one {# hour} other {# hours}} of memory history exist.',
  'reports.reason.memoryNoLimitNoTrend':
    'Peak {peakMiB} MiB, no maxmemory set; growth unknown until {trendHours, plural, one {# hour} other {# hours}} of memory history exist.',
  'reports.reason.memoryHighNoTrend':
    'Peak {peakMiB} MiB ({peakPct} % of maxmemory); growth unknown until {trendHours, plural, one {# hour} other {# hours}} of memory history exist.',
  'reports.reason.persistenceOkRecent':
    'Last bgsave {bgsave}, {ageMinutes, plural, =0 {just now} one {# minute ago} other {# minutes ago}}; AOF rewrite {aof}; longest fork {forkMs} ms.',
  'reports.reason.persistenceOkHours':
    'Last bgsave {bgsave}, {ageHours, plural, one {# hour ago} other {# hours ago}}; AOF rewrite {aof}; longest fork {forkMs} ms.',
} as const;
