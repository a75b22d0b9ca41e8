// English strings: freshness (stale values), root/consequence folding, cause confidence.
export const enTruth = {
  'findings.consequences': '+{count} consequences',
  'findings.consequencesHide': 'Hide {count} consequences',
  'findings.consequenceOf': 'Consequence of the finding above',
  'confidence.proven': 'proven',
  'confidence.likely': 'likely',
  'confidence.provenHint': 'A log line or the dashboard’s own probe shows this cause.',
  'confidence.likelyHint': 'INFO counters point to this cause; a log line would prove it.',
  'stale.lastSeen': 'last seen {ago}',
  'stale.banner':
    'The node does not answer: the values below are from its last good poll ({ago}), not current. Replicas listed under it come from the live topology.',
  'stale.never': 'The node has never answered the dashboard: there are no values to show.',
  'value.unknown': 'unknown',
  'value.unknownHint': 'No current value: a link is down or the node does not answer.',
  'heartbeat.overWindow': '> {ms} ms',
  'heartbeat.overWindowHint': 'The heartbeat did not show on this replica within {ms} ms.',
  'findings.causeRevised':
    'Cause revised: first read as “{from}” ({confidence}); later polls show “{to}”, which explains it better.',
  'findings.causeRuledOut':
    'First read as “{from}” ({confidence}); later polls rule that out, and no other cause is shown yet.',
} as const;
