// Incident list; filters come from the URL so a filtered view can be shared.
import { IncidentsPage } from '@/components/incidents/incidents-page';
import { parseFilters } from '@/components/incidents/incident-filters';

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const filters = parseFilters(await searchParams);
  // Keyed so a link to another filter set (e.g. from the header) starts from that set.
  return <IncidentsPage key={JSON.stringify(filters)} initialFilters={filters} />;
}
