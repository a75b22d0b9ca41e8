'use client';
// Who is signed in and whether auth and read-only mode are on: fetched once per tab and shared by
// the header, the banners and every page that hides what the user may not do.
import { fetchMe, type Me } from './auth-api';
import { oncePerTab } from './once-per-tab';

export { canOperate, type Me } from './auth-api';

export interface MeState {
  /** Null until the first answer. */
  me: Me | null;
  error: string | null;
}

const useMeValue = oncePerTab(fetchMe);

export function useMe(): MeState {
  const { value, error } = useMeValue();
  return { me: value, error };
}
