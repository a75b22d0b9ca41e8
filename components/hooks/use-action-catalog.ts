'use client';
// The action catalog (titles, descriptions, destructive flag, required role): it only changes
// with the server's config, so it is fetched once per tab and shared by every dialog and menu.
import { fetchActionCatalog, type ActionCatalog } from './actions-api';
import { oncePerTab } from './once-per-tab';

export interface ActionCatalogState {
  catalog: ActionCatalog | null;
  error: string | null;
}

const useCatalogValue = oncePerTab(fetchActionCatalog);

export function useActionCatalog(): ActionCatalogState {
  const { value, error } = useCatalogValue();
  return { catalog: value, error };
}
