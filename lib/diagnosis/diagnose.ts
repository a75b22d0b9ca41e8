// diagnose(): one poll cycle's state + a little history → the findings that hold right now.
// Pure and stateless; FindingTracker adds the open-after-N / close-after-M hysteresis.
import type { DiagnosisInput, FindingCandidate } from './diagnosis-input';
import { severityRank } from './rule-kit';
import { RULES } from './rules';

export function diagnose(input: DiagnosisInput): FindingCandidate[] {
  return rank(RULES.map(([, rule]) => rule(input)));
}

/**
 * The same verdicts as diagnose(), one rule per step with `pause` awaited before each: at 1,000
 * nodes the whole rule set in one piece held the server's event loop too long. The input must
 * not change while it runs.
 */
export async function diagnoseInSteps(
  input: DiagnosisInput,
  pause: () => Promise<void>,
): Promise<FindingCandidate[]> {
  const verdicts: FindingCandidate[][] = [];
  for (const [, rule] of RULES) {
    await pause();
    verdicts.push(rule(input));
  }
  return rank(verdicts);
}

/** Each rule's verdicts (in RULES order) → one per key, gravest first. */
function rank(verdicts: FindingCandidate[][]): FindingCandidate[] {
  const byKey = new Map<string, FindingCandidate>();
  for (const c of verdicts.flat()) {
    const prev = byKey.get(c.key);
    // Keys are per subject; should two verdicts ever collide, the graver one speaks.
    if (!prev || severityRank(c.severity) > severityRank(prev.severity)) byKey.set(c.key, c);
  }
  const order = new Map(RULES.map(([name], i) => [name, i]));
  return [...byKey.values()].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      (order.get(a.kind) ?? 99) - (order.get(b.kind) ?? 99) ||
      a.key.localeCompare(b.key),
  );
}
