// Pure: node ids ("host:port") in natural order, through one shared collator.
// `a.localeCompare(b, 'en', { numeric: true })` builds a collator per call: sorting 1,000 ids that
// way took ~400 ms on a busy core, and the overview sorted several times per socket delta.
const collator = new Intl.Collator('en', { numeric: true });

export const compareIds: (a: string, b: string) => number = collator.compare;
