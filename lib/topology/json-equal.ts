// Equality of two JSON-like values (what the topology is made of) without serialising them.
// It runs for every node and link on every cycle, twice (the legacy delta and the versioned
// patch); `JSON.stringify(a) === JSON.stringify(b)` built two strings per item to compare.
// Same verdicts as comparing the JSON texts, except that key order does not matter: a key whose
// value is `undefined` counts as absent (JSON drops it), and arrays compare item by item.

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let defined = 0;
  for (const k in a) {
    if (!Object.hasOwn(a, k) || a[k] === undefined) continue;
    defined++;
    if (!Object.hasOwn(b, k) || !jsonEqual(a[k], b[k])) return false;
  }
  for (const k in b) if (Object.hasOwn(b, k) && b[k] !== undefined) defined--;
  return defined === 0;
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  if (isRecord(a) && isRecord(b)) return sameRecord(a, b);
  // Numbers JSON cannot write (NaN, ±Infinity) are all `null` there.
  return typeof a === 'number' && typeof b === 'number' && !Number.isFinite(a) && !Number.isFinite(b);
}
