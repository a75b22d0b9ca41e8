// REST calls for guarded actions and the audit trail (docs/api.md "Actions").
import type {
  ActionCatalogEntry,
  ActionExecuteBody,
  ActionPlan,
  ActionPlanRequest,
  ActionRun,
  AuditEntry,
  AuditVerify,
} from '@/lib/contracts';
import { getJson, postJson } from './api-client';

const planPath = (id: string) => `/api/actions/plans/${encodeURIComponent(id)}`;

export interface ActionCatalog {
  actions: ActionCatalogEntry[];
  readOnly: boolean;
}

export function fetchActionCatalog(signal?: AbortSignal): Promise<ActionCatalog> {
  return getJson<ActionCatalog>('/api/actions', signal);
}

/** Plans with a live preflight; a failed check comes back as `allowed: false`, not an error. */
export function planAction(req: ActionPlanRequest, signal?: AbortSignal): Promise<ActionPlan> {
  return postJson<ActionPlan>('/api/actions/plan', req, signal);
}

export function fetchPlan(id: string, signal?: AbortSignal): Promise<ActionPlan> {
  return getJson<ActionPlan>(planPath(id), signal);
}

export function approvePlan(id: string): Promise<ActionPlan> {
  return postJson<ActionPlan>(`${planPath(id)}/approve`, {});
}

export function executePlan(id: string, body: ActionExecuteBody): Promise<{ runId: string }> {
  return postJson<{ runId: string }>(`${planPath(id)}/execute`, body);
}

export function fetchRun(id: string, signal?: AbortSignal): Promise<ActionRun> {
  return getJson<ActionRun>(`/api/actions/runs/${encodeURIComponent(id)}`, signal);
}

export async function fetchRuns(limit: number, signal?: AbortSignal): Promise<ActionRun[]> {
  return (await getJson<{ runs: ActionRun[] }>(`/api/actions/runs?limit=${limit}`, signal)).runs;
}

export async function fetchAudit(
  limit: number,
  before?: number,
  signal?: AbortSignal,
): Promise<AuditEntry[]> {
  const qs = new URLSearchParams({ limit: String(limit) });
  if (before !== undefined) qs.set('before', String(before));
  return (await getJson<{ entries: AuditEntry[] }>(`/api/audit?${qs}`, signal)).entries;
}

export function verifyAudit(signal?: AbortSignal): Promise<AuditVerify> {
  return getJson<AuditVerify>('/api/audit/verify', signal);
}
