// Compact forms of the numeric fields that move on an idle tree, for the versioned topology delta.
// A changed number of an item the base version already had leaves its `{ key, set }` patch and
// travels by its index into the base version's list, either as flat `[index, value, …]` pairs
// (`packed`) or, when most items changed, as one base-36 column string (`columns`): a fixed
// number of characters per index in order, `.` for an index whose value did not change. Lossless:
// a value that does not fit the column (negative, fractional, too large) goes to the pairs. Pure.
import type { TopologyPatchItem, TopologyPatchPart } from '../contracts';

/** A field sent by index, and how its value is written and read back. */
export interface Packing {
  field: string;
  encode: (v: number, generatedAt: number) => number;
  decode: (v: number, generatedAt: number) => number;
  /** Base-36 characters per value in the column form; without it, pairs only. */
  width?: number;
}

const same = (v: number) => v;
const plain = (field: string, width?: number): Packing => ({
  field,
  encode: same,
  decode: same,
  ...(width ? { width } : {}),
});

export const NODE_PACKING: Packing[] = [
  // ms after `generatedAt` (the cycle's start) that the node answered: 0–1295 fits two characters.
  { field: 'lastSeenAt', encode: (v, at) => v - at, decode: (v, at) => v + at, width: 2 },
  plain('opsPerSec', 1),
  plain('offset'),
  plain('usedMemoryBytes'),
  plain('rssBytes'),
  plain('memoryPct'),
  plain('keys'),
];
export const LINK_PACKING: Packing[] = [
  plain('lagSeconds', 1),
  plain('lastIoSecondsAgo', 1),
  plain('offsetGapBytes'),
  plain('downSinceSeconds'),
];

const ABSENT = '.';

/** The column string for (index, encoded value) pairs sorted by index, and the pairs that do not fit. */
function toColumn(values: Array<[number, number]>, width: number): { text: string; rest: number[] } {
  const limit = 36 ** width;
  let text = '';
  let next = 0;
  const rest: number[] = [];
  for (const [i, v] of values) {
    if (!Number.isInteger(v) || v < 0 || v >= limit || Object.is(v, -0)) {
      rest.push(i, v);
      continue;
    }
    text += ABSENT.repeat(i - next) + v.toString(36).padStart(width, '0');
    next = i + 1;
  }
  return { text, rest };
}

/** Moves packed numeric fields of items that existed before out of their patch, into pairs or columns. */
export function pack<T extends object>(
  part: TopologyPatchPart<T>,
  prev: readonly T[],
  keyOf: (x: T) => string,
  packings: Packing[],
  at: number,
): TopologyPatchPart<T> {
  const index = new Map(prev.map((x, i) => [keyOf(x), i]));
  const moved = new Map<Packing, Array<[number, number]>>();
  const upsert = part.upsert.filter((item) => {
    const i = index.get(item.key);
    if (i === undefined) return true;
    const set: Record<string, unknown> = item.set;
    for (const p of packings) {
      const v = set[p.field];
      if (typeof v !== 'number') continue;
      const list = moved.get(p) ?? [];
      list.push([i, p.encode(v, at)]);
      moved.set(p, list);
      delete set[p.field];
    }
    return Object.keys(set).length > 0 || Boolean(item.unset?.length);
  });
  const packed: Record<string, number[]> = {};
  const columns: Record<string, string> = {};
  for (const [p, values] of moved) {
    values.sort((a, b) => a[0] - b[0]);
    const pairs = values.flat();
    const col = p.width ? toColumn(values, p.width) : null;
    // Whichever is shorter on the wire (JSON), so a sparse change stays a pair or two.
    if (col && col.text.length + 2 + JSON.stringify(col.rest).length < JSON.stringify(pairs).length) {
      columns[p.field] = col.text;
      if (col.rest.length) packed[p.field] = col.rest;
    } else packed[p.field] = pairs;
  }
  return {
    ...part,
    upsert,
    ...(Object.keys(packed).length ? { packed } : {}),
    ...(Object.keys(columns).length ? { columns } : {}),
  };
}

/** A base-36 digit's value (`0-9a-z`), or -1. */
function digit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  return -1;
}

/** (index, encoded value) from a column string; null when it is malformed. */
function fromColumn(text: string, width: number): Array<[number, number]> | null {
  const out: Array<[number, number]> = [];
  let i = 0;
  for (let pos = 0; pos < text.length; i++) {
    if (text[pos] === ABSENT) {
      pos++;
      continue;
    }
    if (pos + width > text.length) return null;
    let v = 0;
    for (let k = 0; k < width; k++) {
      const d = digit(text.charCodeAt(pos + k));
      if (d < 0) return null;
      v = v * 36 + d;
    }
    out.push([i, v]);
    pos += width;
  }
  return out;
}

/** The (index, encoded value) entries of one field, from its pairs and its column. */
function entriesOf<T>(part: TopologyPatchPart<T>, p: Packing): Array<[number, number]> | null {
  const out: Array<[number, number]> = [];
  const pairs = part.packed?.[p.field];
  if (pairs) {
    if (!Array.isArray(pairs) || pairs.length % 2) return null;
    for (let j = 0; j < pairs.length; j += 2) {
      const [i, v] = [pairs[j], pairs[j + 1]];
      if (typeof i !== 'number' || typeof v !== 'number') return null;
      out.push([i, v]);
    }
  }
  const text = part.columns?.[p.field];
  if (text !== undefined) {
    const col = typeof text === 'string' && p.width ? fromColumn(text, p.width) : null;
    if (!col) return null;
    out.push(...col);
  }
  return out;
}

/** The packed pairs and columns back into ordinary patch items; null when an index or field is unknown. */
export function unpack<T extends object>(
  part: TopologyPatchPart<T>,
  prev: readonly T[],
  keyOf: (x: T) => string,
  packings: Packing[],
  at: number,
): Array<TopologyPatchItem<T>> | null {
  if (!part.packed && !part.columns) return part.upsert;
  const fields = [...Object.keys(part.packed ?? {}), ...Object.keys(part.columns ?? {})];
  if (fields.some((f) => !packings.some((p) => p.field === f))) return null;
  const items = new Map(part.upsert.map((item) => [item.key, { ...item, set: { ...item.set } }]));
  for (const p of packings) {
    const entries = entriesOf(part, p);
    if (!entries) return null;
    for (const [i, v] of entries) {
      const base = prev[i];
      if (!base) return null;
      const key = keyOf(base);
      const item = items.get(key) ?? { key, set: {} };
      const set: Record<string, unknown> = item.set;
      set[p.field] = p.decode(v, at);
      items.set(key, item);
    }
  }
  return [...items.values()];
}
