// Finished checks reach the diagnosis as external candidates (checkVerdict decides which and for
// how long); the diagnosis' tracker decides when they open and resolve.
import { checkVerdict } from '../../lib/consistency/finding-candidates';
import type { FindingCandidate } from '../../lib/diagnosis/diagnosis-input';
import type { CheckService } from './check-service';

export interface ExternalFindingSink {
  report(candidate: FindingCandidate, ttlMs: number): void;
  clearReport(key: string): void;
}

/** Subscribes `sink` to the verdicts of finished checks; returns the unsubscribe. */
export function reportCheckVerdicts(checks: CheckService, sink: ExternalFindingSink): () => void {
  const onDone = (run: Parameters<typeof checkVerdict>[0]) => {
    const verdict = checkVerdict(run);
    for (const key of verdict.clear) sink.clearReport(key);
    for (const { candidate, ttlMs } of verdict.report) sink.report(candidate, ttlMs);
  };
  checks.on('done', onDone);
  return () => checks.off('done', onDone);
}
