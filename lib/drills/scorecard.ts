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

const describeFinding = (f: ObservedFinding) =>
  `${f.kind}${f.cause ? ` (${f.cause})` : ''} ${f.severity}${f.nodeId ? ` on ${f.nodeId}` : ''}`;

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
    const when = isBeforeFault(o, hit)
      ? 'already open before the fault'
      : `opened ${fmtMs(ms)} after the fault`;
    return { what, passed: true, detail: `${when}${hit.nodeId ? ` on ${hit.nodeId}` : ''}` };
  }
  const sameKind = o.findings.filter((f) => f.kind === e.kind);
  const detail = sameKind.length
    ? `opened with cause ${sameKind.map((f) => f.cause ?? 'none').join(', ')}, expected ${e.cause}`
    : o.detectClockAt === null
      ? 'the fault was never injected'
      : 'never opened';
  return { what, passed: false, detail };
}

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

export function computeScorecard(o: DrillObservation): DrillScorecard {
  const s = o.scenario;
  const expectations: DrillExpectation[] = s.expect.map((e) => findingExpectation(o, e));

  const primary = s.expect[0];
  const detectMs = primary ? detectionMs(o, primary) : null;
  expectations.push({
    what: bi(`Detected within ${fmtMs(s.maxDetectMs)}`, `${fmtMs(s.maxDetectMs)} 内检测到`),
    passed: detectMs !== null && detectMs <= s.maxDetectMs,
    detail: detectMs === null ? 'not detected' : `detected in ${fmtMs(detectMs)}`,
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
  });

  const unexpected = unexpectedFindings(o);
  const bad = unexpected.filter((u) => u.severity === 'critical' && !u.tolerated);
  expectations.push({
    what: bi('No unexpected critical finding', '没有意外的严重问题'),
    passed: bad.length === 0,
    detail: bad.length
      ? bad
          .map((u) => describeFinding({ ...u, id: '', openedAt: 0, wasOpenBefore: false }))
          .join('; ')
      : unexpected.length
        ? `also opened: ${unexpected.map((u) => `${u.kind} ${u.severity}${u.tolerated ? ' (tolerated)' : ''}`).join(', ')}`
        : 'none',
  });

  if (o.failedSteps.length || o.error) {
    expectations.push({
      what: bi('Every step ran', '所有步骤均已执行'),
      passed: false,
      detail: [
        ...o.failedSteps.map((f) => `${f.label.en}: ${f.detail}`),
        ...(o.error ? [`error: ${o.error}`] : []),
      ].join('; '),
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
