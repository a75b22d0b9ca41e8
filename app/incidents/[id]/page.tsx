// One incident, addressed by its id: timeline, lag chart, notes, acknowledge / resolve.
import { IncidentPage } from '@/components/incidents/incident-page';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let incidentId = id;
  try {
    incidentId = decodeURIComponent(id);
  } catch {
    // malformed escape: show it as typed; the API answers not_found
  }
  return <IncidentPage incidentId={incidentId} />;
}
