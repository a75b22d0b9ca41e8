// The findings list in pages: hundreds of open problems (a big tree on a bad day) render the
// first page, worst first, and grow on request instead of thousands of rows at once.
export const FINDINGS_PAGE = 25;

export interface FindingsPage<T> {
  shown: T[];
  total: number;
  /** How many a "show more" adds (0 when everything is shown). */
  more: number;
}

export function findingsPage<T>(items: readonly T[], limit: number): FindingsPage<T> {
  const shown = items.slice(0, Math.max(FINDINGS_PAGE, limit));
  return { shown, total: items.length, more: Math.min(FINDINGS_PAGE, items.length - shown.length) };
}
