// REST calls of the Drills page (GET open to viewers; start and resume need the operator role).
import { z } from 'zod';
import {
  DrillRunSchema,
  DrillScenarioSummarySchema,
  type DrillRun,
  type DrillScenarioId,
  type DrillScenariosResponse,
} from '@/lib/contracts/drills';
import { fetchParsed, postParsed } from '@/components/hooks/api-client';

const ScenariosSchema = z.object({
  available: z.boolean(),
  scenarios: z.array(DrillScenarioSummarySchema),
});

export function fetchScenarios(signal?: AbortSignal): Promise<DrillScenariosResponse> {
  return fetchParsed('/api/drills/scenarios', ScenariosSchema, signal);
}

export async function fetchDrills(limit: number, signal?: AbortSignal): Promise<DrillRun[]> {
  return (
    await fetchParsed(
      `/api/drills?limit=${limit}`,
      z.object({ drills: z.array(DrillRunSchema) }),
      signal,
    )
  ).drills;
}

export function fetchDrill(id: string, signal?: AbortSignal): Promise<DrillRun> {
  return fetchParsed(`/api/drills/${encodeURIComponent(id)}`, DrillRunSchema, signal);
}

export function startDrill(scenario: DrillScenarioId, guided: boolean): Promise<{ id: string }> {
  return postParsed('/api/drills', { scenario, guided }, z.object({ id: z.string() }));
}

export function resumeDrill(id: string): Promise<DrillRun> {
  return postParsed(`/api/drills/${encodeURIComponent(id)}/resume`, {}, DrillRunSchema);
}
