'use client';
// True while a CSS media query matches; false during server rendering (the wide layout).
import { useSyncExternalStore } from 'react';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mql = window.matchMedia(query);
      mql.addEventListener('change', onChange);
      return () => mql.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Phone width: the tree and other wide layouts stack vertically below this. */
export const NARROW_QUERY = '(max-width: 767px)';
