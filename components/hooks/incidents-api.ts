// REST calls for findings, incidents and the alert delivery log (see docs/api.md).
import type {
  Finding,
  Health,
  Incident,
  IncidentDetail,
  TimelineEntry,
  WebhookDelivery,
} from '@/lib/contracts';
import { getJson, postJson } from './api-client';

const incidentPath = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;

export async function fetchOpenFindings(signal?: AbortSignal): Promise<Finding[]> {
  return (await getJson<{ findings: Finding[] }>('/api/findings?state=open', signal)).findings;
}

export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return getJson<Health>('/api/health', signal);
}

export async function fetchIncidents(
  query: URLSearchParams,
  signal?: AbortSignal,
): Promise<Incident[]> {
  return (await getJson<{ incidents: Incident[] }>(`/api/incidents?${query}`, signal)).incidents;
}

export function fetchIncident(id: string, signal?: AbortSignal): Promise<IncidentDetail> {
  return getJson<IncidentDetail>(incidentPath(id), signal);
}

export function acknowledgeIncident(id: string, actor?: string): Promise<Incident> {
  return postJson<Incident>(`${incidentPath(id)}/acknowledge`, actor ? { actor } : {});
}

export function resolveIncident(id: string, actor?: string): Promise<Incident> {
  return postJson<Incident>(`${incidentPath(id)}/resolve`, actor ? { actor } : {});
}

export function addIncidentNote(id: string, text: string, actor?: string): Promise<TimelineEntry> {
  return postJson<TimelineEntry>(`${incidentPath(id)}/notes`, actor ? { text, actor } : { text });
}

export function postmortemHref(id: string): string {
  return `${incidentPath(id)}/postmortem`;
}

export async function fetchDeliveries(
  limit: number,
  signal?: AbortSignal,
): Promise<WebhookDelivery[]> {
  const body = await getJson<{ deliveries: WebhookDelivery[] }>(
    `/api/alerts/deliveries?limit=${limit}`,
    signal,
  );
  return body.deliveries;
}
