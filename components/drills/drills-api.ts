// REST calls of the Drills page (GET open to viewers; start and resume need the operator role).
import type { DrillRun, DrillScenarioId, DrillScenariosResponse } from '@/lib/contracts/drills';
import { getJson, postJson } from '@/components/hooks/api-client';

export function fetchScenarios(signal?: AbortSignal): Promise<DrillScenariosResponse> {
  return getJson<DrillScenariosResponse>('/api/drills/scenarios', signal);
}

export async function fetchDrills(limit: number, signal?: AbortSignal): Promise<DrillRun[]> {
  return (await getJson<{ drills: DrillRun[] }>(`/api/drills?limit=${limit}`, signal)).drills;
}

export function fetchDrill(id: string, signal?: AbortSignal): Promise<DrillRun> {
  return getJson<DrillRun>(`/api/drills/${encodeURIComponent(id)}`, signal);
}

export function startDrill(scenario: DrillScenarioId, guided: boolean): Promise<{ id: string }> {
  return postJson<{ id: string }>('/api/drills', { scenario, guided });
}

export function resumeDrill(id: string): Promise<DrillRun> {
  return postJson<DrillRun>(`/api/drills/${encodeURIComponent(id)}/resume`, {});
}
