// Reading an audit entry for the table: its outcome and the commands it records. `data` is
// free-form JSON written by the server per entry kind, so it is parsed defensively here.
import { z } from 'zod';
import type { AuditEntry, Status } from '@/lib/contracts';

export type AuditOutcome =
  | 'started'
  | 'succeeded'
  | 'failed'
  | 'rolled_back'
  | 'interrupted'
  | 'refused'
  | 'approved'
  | 'key_introduced'
  | 'planned';

export const AUDIT_OUTCOME_STATUS: Record<AuditOutcome, Status> = {
  started: 'unknown',
  succeeded: 'ok',
  failed: 'critical',
  rolled_back: 'warning',
  interrupted: 'warning',
  refused: 'warning',
  approved: 'ok',
  key_introduced: 'ok',
  planned: 'unknown',
};

const AuditCommandSchema = z.object({
  nodeId: z.string(),
  command: z.string(),
  state: z.string().optional(),
  result: z.string().optional(),
  error: z.string().optional(),
});
export type AuditCommand = z.infer<typeof AuditCommandSchema>;
const CommandsSchema = z.array(AuditCommandSchema);
const FinishedStateSchema = z.enum(['succeeded', 'failed', 'rolled_back', 'interrupted']);

export function auditOutcome(e: AuditEntry): AuditOutcome {
  switch (e.kind) {
    case 'run.started':
      return 'started';
    case 'run.refused':
      return 'refused';
    case 'run.interrupted':
      return 'interrupted';
    case 'plan.approved':
      return 'approved';
    case 'audit.key_introduced':
      return 'key_introduced';
    case 'plan.created':
      // A plan refused at creation (outside the topology, role, rate) is a refusal.
      return e.data.refused ? 'refused' : 'planned';
    case 'run.finished': {
      const s = FinishedStateSchema.safeParse(e.data.state);
      return s.success ? s.data : 'failed';
    }
  }
}

/** What was (or was to be) sent, node by node, with each result when the entry has them. */
export function auditCommands(e: AuditEntry): AuditCommand[] {
  for (const candidate of [e.data.commands, e.data.steps]) {
    const r = CommandsSchema.safeParse(candidate);
    if (r.success) return r.data;
  }
  return [];
}

/** A one-line explanation the entry carries: why it was refused, how it failed. */
const PlanRefusalSchema = z.object({ why: z.string() });

export function auditNote(e: AuditEntry): string | null {
  if (e.kind === 'plan.created') {
    const r = PlanRefusalSchema.safeParse(e.data.refused);
    return r.success ? r.data.why : null;
  }
  const v = e.kind === 'run.refused' ? e.data.why : e.data.error;
  return typeof v === 'string' && v ? v : null;
}
