// The scorecard of one drill, from what the runner observed. Pure: the runner collects times
// and findings, this decides what passed and says why in a line a person can check.
import type { Bilingual, Cause, FindingKind, Severity } from '../contracts';
import type {
  DrillExpectation,
  DrillScorecard,
  ExpectedFinding,
  UnexpectedFinding,
} from '../contracts/drills';
import { bi } from '../diagnosis/rule-kit';
import type { TextRef } from '../contracts/text-ref';
import { textRef } from '../i18n/text-ref';
import type { DrillScenario } from './scenario-types';
import { isGraver } from '../diagnosis/severity';

export interface ObservedFinding {
  id: string;
  kind: FindingKind;
  severity: Severity;
  cause?: Cause;
  nodeId?: string;
  openedAt: number;
  /** Already open when the drill started: the dashboard warned before the fault. */
  wasOpenBefore: boolean;
}

export interface VerifyResult {
  what: Bilingual;
  passed: boolean;
  detail: string;
  detailText?: TextRef;
}

/** A finding as the scorecard names it: its ids, no sentence around them. */
export type FindingRef = Pick<ObservedFinding, 'kind' | 'severity' | 'cause' | 'nodeId'>;

/** What kept the topology unhealthy: replicas whose link is not up, findings still open. */
export interface HealthProblem {
  linksDown: string[];
  open: FindingRef[];
}

export interface DrillObservation {
  scenario: DrillScenario;
  /** When the first fault went in; findings opened after it are the drill's. */
  faultAt: number | null;
  detectClockAt: number | null;
  recoverClockAt: number | null;
  recoveredAt: number | null;
  /** What stood in the way last: still, when recovery was given up on; before it, else. */
  recoveryProblem?: string;
  /** The same, as ids (for the scorecard line in the reader's language). */
  recoveryWait?: HealthProblem;
  findings: ObservedFinding[];
  verifications: VerifyResult[];
  failedSteps: Array<{ label: Bilingual; detail: string }>;
  error?: string;
}

export function fmtMs(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export function describeExpected(e: ExpectedFinding): string {
  return e.cause ? `${e.kind} (${e.cause})` : e.kind;
}

const matches = (f: ObservedFinding, e: ExpectedFinding) =>
  f.kind === e.kind && (e.cause === undefined || f.cause === e.cause);

const kindText = (f: FindingRef) => `${f.kind}${f.cause ? ` (${f.cause})` : ''}`;

const describeFinding = (f: FindingRef) =>
  `${kindText(f)} ${f.severity}${f.nodeId ? ` on ${f.nodeId}` : ''}`;

/** One finding as a translatable phrase (kind and cause stay ids, as the UI shows them). */
export function findingText(f: FindingRef, tolerated = false): TextRef {
  const severity = textRef(`drillText.sev.${f.severity}`);
  if (tolerated) return textRef('drillText.findingTolerated', { kind: kindText(f), severity });
  return f.nodeId
    ? textRef('drillText.findingOn', { kind: kindText(f), severity, node: f.nodeId })
    : textRef('drillText.finding', { kind: kindText(f), severity });
}

/** Why the topology was not healthy, as a translatable phrase; undefined when nothing was. */
export function healthProblemText(p: HealthProblem | undefined): TextRef | undefined {
  if (!p) return undefined;
  const links = p.linksDown.length
    ? textRef('drillText.linksNotUp', { nodes: p.linksDown.join(', ') })
    : undefined;
  const open = p.open.length
    ? textRef('drillText.stillOpen', { findings: p.open.map((f) => findingText(f)) })
    : undefined;
  if (links && open) return textRef('drillText.twoProblems', { first: links, second: open });
  return links ?? open;
}

/** Open before the first fault: the dashboard had warned in advance (or it is unrelated). */
const isBeforeFault = (o: DrillObservation, f: ObservedFinding) =>
  f.wasOpenBefore || o.faultAt === null || f.openedAt < o.faultAt;

/** Milliseconds from the detection clock to the first finding matching `e`; null = never. */
export function detectionMs(o: DrillObservation, e: ExpectedFinding): number | null {
  if (o.detectClockAt === null) return null;
  const clock = o.detectClockAt;
  const hits = o.findings.filter((f) => matches(f, e));
  if (!hits.length) return null;
  const first = Math.min(...hits.map((f) => (isBeforeFault(o, f) ? clock : f.openedAt)));
  return Math.max(0, first - clock);
}

function findingExpectation(o: DrillObservation, e: ExpectedFinding): DrillExpectation {
  const what = bi(`${describeExpected(e)} detected`, `检测到 ${describeExpected(e)}`);
  const hits = o.findings.filter((f) => matches(f, e));
  const hit = hits.find((f) => !isBeforeFault(o, f)) ?? hits[0];
  if (hit) {
    const ms = detectionMs(o, e);
    const before = isBeforeFault(o, hit);
    const when = before ? 'already open before the fault' : `opened ${fmtMs(ms)} after the fault`;
    const node = hit.nodeId;
    const detailText = before
      ? node
        ? textRef('drillText.openBeforeOn', { node })
        : textRef('drillText.openBefore')
      : node
        ? textRef('drillText.openedAfterOn', { time: fmtMs(ms), node })
        : textRef('drillText.openedAfter', { time: fmtMs(ms) });
    return { what, passed: true, detail: `${when}${node ? ` on ${node}` : ''}`, detailText };
  }
  const sameKind = o.findings.filter((f) => f.kind === e.kind);
  if (sameKind.length) {
    const causes = sameKind.map((f) => f.cause ?? 'none');
    return {
      what,
      passed: false,
      detail: `opened with cause ${causes.join(', ')}, expected ${e.cause}`,
      detailText: textRef('drillText.wrongCause', {
        causes: sameKind.map((f) => f.cause ?? textRef('drillText.noCause')).map(asText),
        expected: e.cause ?? '',
      }),
    };
  }
  return o.detectClockAt === null
    ? { what, passed: false, detail: 'the fault was never injected', detailText: textRef('drillText.neverInjected') }
    : { what, passed: false, detail: 'never opened', detailText: textRef('drillText.neverOpened') };
}

/** A cause id as a (verbatim) list item; ids are not translated, like everywhere in the UI. */
const asText = (v: string | TextRef): TextRef =>
  typeof v === 'string' ? textRef('textRef.verbatim', { text: v }) : v;

/** Findings of other kinds that opened during the drill, one per finding at its worst. */
export function unexpectedFindings(o: DrillObservation): UnexpectedFinding[] {
  const expectedKinds = new Set(o.scenario.expect.map((e) => e.kind));
  const worst = new Map<string, ObservedFinding>();
  for (const f of o.findings) {
    if (isBeforeFault(o, f) || f.severity === 'info' || expectedKinds.has(f.kind)) continue;
    const seen = worst.get(f.id);
    if (!seen || isGraver(f.severity, seen.severity)) worst.set(f.id, f);
  }
  return [...worst.values()].map((f) => {
    const u: UnexpectedFinding = {
      kind: f.kind,
      severity: f.severity,
      tolerated: o.scenario.tolerate.includes(f.kind),
    };
    if (f.cause) u.cause = f.cause;
    if (f.nodeId) u.nodeId = f.nodeId;
    return u;
  });
}

function recoveryText(recoverMs: number | null, why: TextRef | undefined): TextRef {
  if (recoverMs === null)
    return why ? textRef('drillText.notRecoveredWhy', { why }) : textRef('drillText.notRecovered');
  const time = fmtMs(recoverMs);
  return why
    ? textRef('drillText.recoveredInWhy', { time, why })
    : textRef('drillText.recoveredIn', { time });
}

export function computeScorecard(o: DrillObservation): DrillScorecard {
  const s = o.scenario;
  const expectations: DrillExpectation[] = s.expect.map((e) => findingExpectation(o, e));

  const primary = s.expect[0];
  const detectMs = primary ? detectionMs(o, primary) : null;
  expectations.push({
    what: bi(`Detected within ${fmtMs(s.maxDetectMs)}`, `${fmtMs(s.maxDetectMs)} 内检测到`),
    passed: detectMs !== null && detectMs <= s.maxDetectMs,
    detail: detectMs === null ? 'not detected' : `detected in ${fmtMs(detectMs)}`,
    detailText:
      detectMs === null
        ? textRef('drillText.notDetected')
        : textRef('drillText.detectedIn', { time: fmtMs(detectMs) }),
  });

  expectations.push(...o.verifications);

  const recoverMs =
    o.recoveredAt !== null && o.recoverClockAt !== null
      ? Math.max(0, o.recoveredAt - o.recoverClockAt)
      : null;
  expectations.push({
    what: bi(
      `Recovered within ${fmtMs(s.maxRecoverMs)}: every link up, nothing open`,
      `${fmtMs(s.maxRecoverMs)} 内恢复：所有链路正常，无未关闭问题`,
    ),
    passed: recoverMs !== null && recoverMs <= s.maxRecoverMs,
    detail:
      recoverMs === null
        ? `did not recover${o.recoveryProblem ? `: ${o.recoveryProblem}` : ''}`
        : `recovered in ${fmtMs(recoverMs)}${o.recoveryProblem ? ` (last waited on: ${o.recoveryProblem})` : ''}`,
    detailText: recoveryText(recoverMs, healthProblemText(o.recoveryWait)),
  });

  const unexpected = unexpectedFindings(o);
  const bad = unexpected.filter((u) => u.severity === 'critical' && !u.tolerated);
  expectations.push({
    what: bi('No unexpected critical finding', '没有意外的严重问题'),
    passed: bad.length === 0,
    detail: bad.length
      ? bad.map((u) => describeFinding(u)).join('; ')
      : unexpected.length
        ? `also opened: ${unexpected.map((u) => `${u.kind} ${u.severity}${u.tolerated ? ' (tolerated)' : ''}`).join(', ')}`
        : 'none',
    detailText: bad.length
      ? textRef('drillText.unexpectedCritical', { findings: bad.map((u) => findingText(u)) })
      : unexpected.length
        ? textRef('drillText.alsoOpened', {
            findings: unexpected.map((u) => findingText({ kind: u.kind, severity: u.severity }, u.tolerated)),
          })
        : textRef('drillText.noneOpened'),
  });

  if (o.failedSteps.length || o.error) {
    expectations.push({
      what: bi('Every step ran', '所有步骤均已执行'),
      passed: false,
      detail: [
        ...o.failedSteps.map((f) => `${f.label.en}: ${f.detail}`),
        ...(o.error ? [`error: ${o.error}`] : []),
      ].join('; '),
      // The steps list shows each failed step with its own detail, the run its error.
      detailText: !o.failedSteps.length
        ? textRef('drillText.runError')
        : o.error
          ? textRef('drillText.stepsFailedAndError', { count: o.failedSteps.length })
          : textRef('drillText.stepsFailed', { count: o.failedSteps.length }),
    });
  }

  return {
    scenario: s.id,
    passed: expectations.every((e) => e.passed),
    expectations,
    timings: { detectMs, recoverMs },
    unexpected,
  };
}
