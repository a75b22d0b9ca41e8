// REST calls for guarded actions and the audit trail (docs/api.md "Actions").
import { z } from 'zod';
import {
  ActionCatalogSchema,
  ActionPlanSchema,
  ActionRunSchema,
  AuditEntrySchema,
  AuditVerifySchema,
  type ActionCatalogEntry,
  type ActionExecuteBody,
  type ActionPlan,
  type ActionPlanRequest,
  type ActionRun,
  type AuditEntry,
  type AuditVerify,
} from '@/lib/contracts';
import { fetchParsed, postParsed } from './api-client';

const planPath = (id: string) => `/api/actions/plans/${encodeURIComponent(id)}`;

export interface ActionCatalog {
  actions: ActionCatalogEntry[];
  readOnly: boolean;
}

export function fetchActionCatalog(signal?: AbortSignal): Promise<ActionCatalog> {
  return fetchParsed('/api/actions', ActionCatalogSchema, signal);
}

/** Plans with a live preflight; a failed check comes back as `allowed: false`, not an error. */
export function planAction(req: ActionPlanRequest, signal?: AbortSignal): Promise<ActionPlan> {
  return postParsed('/api/actions/plan', req, ActionPlanSchema, signal);
}

export function fetchPlan(id: string, signal?: AbortSignal): Promise<ActionPlan> {
  return fetchParsed(planPath(id), ActionPlanSchema, signal);
}

export function approvePlan(id: string): Promise<ActionPlan> {
  return postParsed(`${planPath(id)}/approve`, {}, ActionPlanSchema);
}

export function executePlan(id: string, body: ActionExecuteBody): Promise<{ runId: string }> {
  return postParsed(`${planPath(id)}/execute`, body, z.object({ runId: z.string() }));
}

export function fetchRun(id: string, signal?: AbortSignal): Promise<ActionRun> {
  return fetchParsed(`/api/actions/runs/${encodeURIComponent(id)}`, ActionRunSchema, signal);
}

export async function fetchRuns(limit: number, signal?: AbortSignal): Promise<ActionRun[]> {
  return (
    await fetchParsed(
      `/api/actions/runs?limit=${limit}`,
      z.object({ runs: z.array(ActionRunSchema) }),
      signal,
    )
  ).runs;
}

export async function fetchAudit(
  limit: number,
  before?: number,
  signal?: AbortSignal,
): Promise<AuditEntry[]> {
  const qs = new URLSearchParams({ limit: String(limit) });
  if (before !== undefined) qs.set('before', String(before));
  return (
    await fetchParsed(`/api/audit?${qs}`, z.object({ entries: z.array(AuditEntrySchema) }), signal)
  ).entries;
}

export function verifyAudit(signal?: AbortSignal): Promise<AuditVerify> {
  return fetchParsed('/api/audit/verify', AuditVerifySchema, signal);
}
