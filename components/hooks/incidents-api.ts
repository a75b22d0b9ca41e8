// REST calls for findings, incidents and the alert delivery log (see docs/api.md).
import { z } from 'zod';
import {
  FindingSchema,
  HealthSchema,
  IncidentDetailSchema,
  IncidentSchema,
  TimelineEntrySchema,
  WebhookDeliverySchema,
  type Finding,
  type Health,
  type Incident,
  type IncidentDetail,
  type TimelineEntry,
  type WebhookDelivery,
} from '@/lib/contracts';
import { fetchParsed, postParsed } from './api-client';

const FindingListSchema = z.object({ findings: z.array(FindingSchema) });
const IncidentListSchema = z.object({ incidents: z.array(IncidentSchema) });
const DeliveryListSchema = z.object({ deliveries: z.array(WebhookDeliverySchema) });

const incidentPath = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;

export async function fetchOpenFindings(signal?: AbortSignal): Promise<Finding[]> {
  return (await fetchParsed('/api/findings?state=open', FindingListSchema, signal)).findings;
}

export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return fetchParsed('/api/health', HealthSchema, signal);
}

export async function fetchIncidents(
  query: URLSearchParams,
  signal?: AbortSignal,
): Promise<Incident[]> {
  return (await fetchParsed(`/api/incidents?${query}`, IncidentListSchema, signal)).incidents;
}

export function fetchIncident(id: string, signal?: AbortSignal): Promise<IncidentDetail> {
  return fetchParsed(incidentPath(id), IncidentDetailSchema, signal);
}

export function acknowledgeIncident(id: string, actor?: string): Promise<Incident> {
  return postParsed(`${incidentPath(id)}/acknowledge`, actor ? { actor } : {}, IncidentSchema);
}

export function resolveIncident(id: string, actor?: string): Promise<Incident> {
  return postParsed(`${incidentPath(id)}/resolve`, actor ? { actor } : {}, IncidentSchema);
}

export function addIncidentNote(id: string, text: string, actor?: string): Promise<TimelineEntry> {
  return postParsed(
    `${incidentPath(id)}/notes`,
    actor ? { text, actor } : { text },
    TimelineEntrySchema,
  );
}

export function postmortemHref(id: string): string {
  return `${incidentPath(id)}/postmortem`;
}

export async function fetchDeliveries(
  limit: number,
  signal?: AbortSignal,
): Promise<WebhookDelivery[]> {
  const body = await fetchParsed(
    `/api/alerts/deliveries?limit=${limit}`,
    DeliveryListSchema,
    signal,
  );
  return body.deliveries;
}
