// Who has been told what: per webhook, the severity it last heard for each open finding. It turns
// the incident service's opened/updated/resolved into the few events a receiver should get.
// Receivers hear of roots only: a consequence (`rootFindingId`) is news about its root. Pure.
import type { Finding, Severity } from '../../lib/contracts';
import { atLeast } from '../../lib/diagnosis/severity';
import type { WebhookEvent } from './webhook-payload';

export type FindingChangeKind = 'opened' | 'updated' | 'resolved';

export interface AlertDecision {
  webhook: string;
  event: WebhookEvent;
  /** For `finding_severity_changed`: what the receiver last heard (or the last severity seen). */
  previousSeverity?: Severity;
}

export class AlertLedger {
  /** webhook → finding id → severity that receiver last heard (absent: it never heard of it). */
  private readonly heard = new Map<string, Map<string, Severity>>();
  /** Latest severity of every open finding, heard or not. */
  private readonly lastSeen = new Map<string, Severity>();

  /** After a restart: open findings, and the last event each receiver got about each of them. */
  prime(
    open: Finding[],
    lastEvents: Array<{ webhook: string; finding_id: string; event: WebhookEvent }>,
  ): void {
    const byId = new Map(open.map((f) => [f.id, f]));
    for (const f of open) this.lastSeen.set(f.id, f.severity);
    for (const r of lastEvents) {
      const f = byId.get(r.finding_id);
      if (f && r.event !== 'finding_resolved') this.heardBy(r.webhook).set(f.id, f.severity);
    }
  }

  /** The events to send for one change, and the ledger updated as if they were sent. */
  decide(
    kind: FindingChangeKind,
    f: Finding,
    hooks: Array<{ name: string; minSeverity: Severity }>,
  ): AlertDecision[] {
    const before = this.lastSeen.get(f.id);
    if (kind === 'resolved') this.lastSeen.delete(f.id);
    else this.lastSeen.set(f.id, f.severity);
    const out: AlertDecision[] = [];
    for (const hook of hooks) {
      const heard = this.heardBy(hook.name);
      const told = heard.get(f.id);
      const above = atLeast(f.severity, hook.minSeverity);
      if (kind === 'resolved') {
        // A receiver that never heard of the finding gets no resolve for it.
        if (told) out.push({ webhook: hook.name, event: 'finding_resolved' });
        heard.delete(f.id);
        continue;
      }
      // Folded under its root, which the receiver hears about; a receiver told of it while it
      // stood alone keeps the last word it got until it resolves.
      if (f.rootFindingId !== undefined) continue;
      if (kind === 'opened' ? above : told ? told !== f.severity : above) {
        // An update is news when it crosses up into the receiver's range, or changes a finding the
        // receiver knows (a de-escalation too: it should not keep believing the worse state).
        const event: WebhookEvent =
          kind === 'opened' ? 'finding_opened' : 'finding_severity_changed';
        const previous = told ?? before;
        out.push(
          event === 'finding_severity_changed' && previous
            ? { webhook: hook.name, event, previousSeverity: previous }
            : { webhook: hook.name, event },
        );
        heard.set(f.id, f.severity);
      }
    }
    return out;
  }

  private heardBy(webhook: string): Map<string, Severity> {
    let m = this.heard.get(webhook);
    if (!m) this.heard.set(webhook, (m = new Map()));
    return m;
  }
}
