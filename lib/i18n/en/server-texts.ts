// English strings: sentences the server builds as i18n keys + params (lib/contracts/text-ref):
// drill scorecard lines and consistency-check examples, rendered in the reader's language.
export const enServerTexts = {
  'textRef.verbatim': '{text}',
  'textRef.listSeparator': ', ',

  'drillText.openBefore': 'already open before the fault',
  'drillText.openBeforeOn': 'already open before the fault on {node}',
  'drillText.openedAfter': 'opened {time} after the fault',
  'drillText.openedAfterOn': 'opened {time} after the fault on {node}',
  'drillText.wrongCause': 'opened with cause {causes}, expected {expected}',
  'drillText.noCause': 'none',
  'drillText.neverInjected': 'the fault was never injected',
  'drillText.neverOpened': 'never opened',
  'drillText.notDetected': 'not detected',
  'drillText.detectedIn': 'detected in {time}',
  'drillText.notRecovered': 'did not recover',
  'drillText.notRecoveredWhy': 'did not recover: {why}',
  'drillText.recoveredIn': 'recovered in {time}',
  'drillText.recoveredInWhy': 'recovered in {time} (last waited on: {why})',
  'drillText.linksNotUp': 'links not up: {nodes}',
  'drillText.stillOpen': 'open: {findings}',
  'drillText.twoProblems': '{first}; {second}',
  'drillText.finding': '{kind} {severity}',
  'drillText.findingOn': '{kind} {severity} on {node}',
  'drillText.findingTolerated': '{kind} {severity} (tolerated)',
  'drillText.sev.warning': 'warning',
  'drillText.sev.critical': 'critical',
  'drillText.sev.info': 'info',
  'drillText.noneOpened': 'none',
  'drillText.alsoOpened': 'also opened: {findings}',
  'drillText.unexpectedCritical': 'unexpected: {findings}',
  'drillText.stepsFailed':
    '{count, plural, one {# step failed} other {# steps failed}} (see the steps above)',
  'drillText.runError': 'the drill stopped on an error (shown below)',
  'drillText.stepsFailedAndError':
    '{count, plural, one {# step failed} other {# steps failed}}, and the drill stopped on an error (shown below)',
};
