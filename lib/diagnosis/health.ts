// The health light (seed §5.1), computed once for server and client: any open critical finding
// is red, any warning amber. Info findings are suggestions (a Redis default the runbook tunes):
// listed, never on the light. The counts are of roots: a consequence is folded under its root.
import type { Finding, Health } from '../contracts';

type Countable = Pick<Finding, 'id' | 'severity' | 'state'> & { rootFindingId?: string | undefined };

export function healthOf(findings: Iterable<Countable>, openIncidents: number): Health {
  const openFindings = { info: 0, warning: 0, critical: 0 };
  let critical = false;
  let warning = false;
  const open = [...findings].filter((f) => f.state === 'open');
  const ids = new Set(open.map((f) => f.id));
  for (const f of open) {
    critical ||= f.severity === 'critical';
    warning ||= f.severity === 'warning';
    // A consequence whose root is not open (any more) counts on its own.
    if (f.rootFindingId === undefined || !ids.has(f.rootFindingId)) openFindings[f.severity] += 1;
  }
  const level = critical ? 'critical' : warning ? 'warning' : 'ok';
  return { level, openFindings, openIncidents };
}
